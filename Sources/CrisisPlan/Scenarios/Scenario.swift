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

/// One step: an observation (SPEC §5) plus the story, the question and what is expected.
public struct ScenarioStep: Sendable {
    public var observation: Observation
    public var narrative: String?
    public var ask: String?
    public var answer: AnswerKind?
    public var expect: Expectation?
    public var source: SourceLocation
}

/// What a training question is about.
public enum AnswerKind: String, Sendable, CaseIterable {
    case firstResponse = "first_response"
    case firstContact = "first_contact"
    case contacts
    case doNotContact = "do_not_contact"
    case flags
    case stage
}
