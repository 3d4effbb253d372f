/// One person's crisis plan, `Rules/people/<id>.yaml` (SPEC §4).
public struct Plan: Sendable {
    public var person: Person
    public var dates: PlanDates
    public var keepingWell: [SourcedText]
    public var stressors: [SourcedText]
    public var signs: [EarlyWarningSign]
    public var responses: [StageResponses]
    public var whenUnwell: WhenUnwell
    public var contacts: [Contact]
    public var contactRoutes: [ContactRoute]
    public var doNotContact: [DoNotContactEntry]
    public var advanceDecisions: AdvanceDecisions
    /// Every attorney, in written order (`attorney:` or `attorneys:`).
    public var attorneys: [Attorney]
    public var views: [DifferingView]
    /// The file the plan was read from, as shown to the user.
    public var file: String
    /// False when `person` or `plan` could not be read: the plan is checked, never used.
    public var isComplete = true

    /// The attorney the v2 answer's `attorney` names: the first health-and-welfare one, else
    /// the first.
    public var attorney: Attorney? {
        attorneys.first(where: { $0.kind == .healthAndWelfare }) ?? attorneys.first
    }

    public func contact(_ id: String) -> Contact? {
        contacts.first(where: { $0.id == id })
    }

    public func responses(forStage stage: String) -> [Response] {
        responses.first(where: { $0.stage == stage })?.responses ?? []
    }

    public func route(forStage stage: String) -> ContactRoute? {
        contactRoutes.first(where: { $0.stage == stage })
    }
}
