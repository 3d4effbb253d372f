/// A line of the person's plan with where it was written.
public struct SourcedText: Sendable, Hashable {
    public var text: String
    public var source: SourceLocation
}
