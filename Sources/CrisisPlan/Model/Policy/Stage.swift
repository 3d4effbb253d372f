/// One rung of the escalation ladder (`stages:` in policy), lowest first.
public struct Stage: Sendable, Hashable {
    public var id: String
    public var label: String
    public var source: SourceLocation
}
