/// One step: an observation (SPEC §5) plus the story, the question and what is expected.
public struct ScenarioStep: Sendable {
    public var observation: Observation
    public var narrative: String?
    public var ask: String?
    public var answer: AnswerKind?
    public var expect: Expectation?
    public var source: SourceLocation
}
