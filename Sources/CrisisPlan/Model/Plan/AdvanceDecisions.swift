/// Statements of wishes (considered, never binding) and refusals of treatment.
public struct AdvanceDecisions: Sendable {
    public var statements: [SourcedText] = []
    public var refusals: [AdvanceRefusal] = []

    public init() {}
}
