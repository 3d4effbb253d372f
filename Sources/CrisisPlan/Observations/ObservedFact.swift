/// A fact value as observed: `abuse_or_neglect: suspected`.
public struct ObservedFact: Sendable {
    public var fact: String
    public var value: String
    public var factSource: SourceLocation
    public var valueSource: SourceLocation

    public init(fact: String, value: String, factSource: SourceLocation, valueSource: SourceLocation) {
        self.fact = fact
        self.value = value
        self.factSource = factSource
        self.valueSource = valueSource
    }
}
