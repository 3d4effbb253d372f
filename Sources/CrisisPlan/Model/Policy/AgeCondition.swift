/// `age: {under: N}` or `age: {at_least: N}` (SPEC v2 §3): the person's age in whole years at
/// now, from `person.born`. Without `born` the condition is false and the answer warns
/// `age-unknown`.
public struct AgeCondition: Sendable {
    public enum Comparator: String, Sendable, CaseIterable {
        case under
        case atLeast = "at_least"
    }

    public var comparator: Comparator
    public var years: Int
    public var source: SourceLocation
}
