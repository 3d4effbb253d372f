/// `stage: {at_least: S}` (or `is`, `at_most`): the stage computed so far.
public struct StageCondition: Sendable {
    public enum Comparator: String, Sendable, CaseIterable {
        case `is`
        case atLeast = "at_least"
        case atMost = "at_most"
    }

    public var comparator: Comparator
    public var stage: String
    public var stageSource: SourceLocation
    public var source: SourceLocation
}
