/// A line of the person's plan, or a text observed, with where it was written.
public struct SourcedText: Sendable, Hashable {
    public var text: String
    public var source: SourceLocation

    public init(text: String, source: SourceLocation) {
        self.text = text
        self.source = source
    }
}
