/// An example case (SPEC §7): a person's plan, and a timeline of steps with what should follow.
///
/// Governance teams use scenarios to test local policy in CI; trainers read the narratives
/// aloud and ask the questions.
public struct Scenario: Sendable {
    public var name: String
    /// A plan in `Rules/people`, by id; or
    public var person: String?
    public var personSource: SourceLocation?
    /// a whole plan written inside the scenario.
    public var plan: Plan?
    public var teaches: [String]
    public var steps: [ScenarioStep]
    public var file: String
}
