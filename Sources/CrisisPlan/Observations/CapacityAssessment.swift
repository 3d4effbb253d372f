/// A capacity assessment for one decision at one time (MCA 2005 ss2-3).
public struct CapacityAssessment: Sendable {
    public var decision: String
    public var status: CapacityStatus
    /// When the assessment was made; the observation's time when not given.
    public var assessedAt: Timestamp
    public var source: SourceLocation
}
