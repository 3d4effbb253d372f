/// `capacity: {status: lacks, decision: D}`: the latest non-stale assessment.
public struct CapacityCondition: Sendable {
    public var status: CapacityStatus
    /// Any decision when `nil`.
    public var decision: String?
    public var source: SourceLocation
}
