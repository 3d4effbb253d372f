/// Who to contact at one stage, in the person's order.
public struct ContactRoute: Sendable {
    public var stage: String
    public var stageSource: SourceLocation
    public var contacts: [SourcedText]
}
