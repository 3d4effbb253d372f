/// One observation of a timeline (SPEC §5): what was seen at one time.
public struct Observation: Sendable {
    public var at: Timestamp
    /// Sign ids, or text matching a sign's `says` or `also`.
    public var signs: [SourcedText]
    public var resolved: [SourcedText]
    /// Fact values as written, in order, typed against the policy when evaluated.
    public var facts: [ObservedFact]
    public var capacity: [CapacityAssessment]
    public var reinstated: [Reinstatement] = []
    public var source: SourceLocation

    public init(
        at: Timestamp, signs: [SourcedText] = [], resolved: [SourcedText] = [], facts: [ObservedFact] = [],
        capacity: [CapacityAssessment] = [], source: SourceLocation
    ) {
        self.at = at
        self.signs = signs
        self.resolved = resolved
        self.facts = facts
        self.capacity = capacity
        self.source = source
    }
}
