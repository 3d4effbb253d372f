/// An expected value with where it was written, so a failure can point at it.
public struct Expected<Value: Sendable>: Sendable {
    public var value: Value
    /// Each list item's own position, for `check` errors about unknown ids.
    public var itemSources: [SourceLocation]
    public var source: SourceLocation
}
