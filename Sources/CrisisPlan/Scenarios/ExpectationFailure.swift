/// One expectation a step's answer did not meet: which key, what was expected, what came.
public struct ExpectationFailure: Sendable {
    public var key: String
    public var expected: String
    public var actual: String
    public var source: SourceLocation
}
