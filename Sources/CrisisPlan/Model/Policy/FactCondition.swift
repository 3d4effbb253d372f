/// `fact: ID` with exactly one comparator.
public struct FactCondition: Sendable {
    public enum Comparator: String, Sendable, CaseIterable {
        case `is`
        case `in`
        case atLeast = "at_least"
        case atMost = "at_most"
    }

    public var fact: String
    public var factSource: SourceLocation
    public var comparator: Comparator
    /// One operand, except for `in`, which takes a list.
    public var operands: [FactOperand]
    public var source: SourceLocation
}
