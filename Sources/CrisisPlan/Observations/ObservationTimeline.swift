/// The input to an evaluation: whose plan, as of when, and what was observed, oldest first.
public struct ObservationTimeline: Sendable {
    public var person: String?
    public var personSource: SourceLocation?
    /// The evaluation time the file asks for, if any.
    public var at: Timestamp?
    public var observations: [Observation]

    public init(person: String? = nil, at: Timestamp? = nil, observations: [Observation] = []) {
        self.person = person
        self.at = at
        self.observations = observations
    }

    /// Now, as SPEC §5 has it: `--at`, else the file's `at`, else its last observation's `at`,
    /// else the clock.
    public func now(override: Timestamp?, clock: Timestamp) -> Timestamp {
        override ?? at ?? observations.last?.at ?? clock
    }
}
