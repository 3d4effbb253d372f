/// A fact value as observed: `abuse_or_neglect: suspected`.
public struct ObservedFact: Sendable {
    public var fact: String
    public var value: String
    public var factSource: SourceLocation
    public var valueSource: SourceLocation
}
