/// When the plan was agreed, when it must be reviewed, and who wrote it.
public struct PlanDates: Sendable {
    public var agreed: CalendarDate
    /// Past this date the plan is still used, with the warning `plan-review-overdue`.
    public var reviewBy: CalendarDate
    public var writtenWith: [String]
    public var agreedSource: SourceLocation
    public var reviewBySource: SourceLocation
}
