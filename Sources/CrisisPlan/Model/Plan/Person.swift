/// Who the plan belongs to, named as they want to be named.
public struct Person: Sendable {
    /// Equals the plan's file name without `.yaml`.
    public var id: String
    public var idSource: SourceLocation
    public var name: String
    public var pronouns: String?
    public var source: SourceLocation
}
