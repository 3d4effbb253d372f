/// A capacity assessment for one decision at one time (MCA 2005 ss2-3).
public struct CapacityAssessment: Sendable {
    public var decision: String
    public var status: CapacityStatus
    /// When the assessment was made; the observation's time when not given.
    public var assessedAt: Timestamp
    public var source: SourceLocation
    /// Where the decision's name is written, for an unknown decision.
    public var decisionSource: SourceLocation

    public init(
        decision: String, status: CapacityStatus, assessedAt: Timestamp, source: SourceLocation,
        decisionSource: SourceLocation? = nil
    ) {
        self.decision = decision
        self.status = status
        self.assessedAt = assessedAt
        self.source = source
        self.decisionSource = decisionSource ?? source
    }
}
