/// The responses for one stage (`responses: {early: [...]}`), in written order.
public struct StageResponses: Sendable {
    public var stage: String
    public var stageSource: SourceLocation
    public var responses: [Response]
}
