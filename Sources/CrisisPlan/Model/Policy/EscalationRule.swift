/// Raises the stage when its condition holds (`escalation:` in policy).
public struct EscalationRule: Sendable {
    public var id: String
    public var when: Condition
    public var raiseTo: String
    public var raiseToSource: SourceLocation
    public var source: SourceLocation
}
