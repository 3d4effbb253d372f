/// `signs: {at_least: N, stage: S, within: D}`: how many signs are active.
public struct SignsCondition: Sendable {
    public var atLeast: Int
    /// Only signs of exactly this stage count, when given.
    public var stage: String?
    public var stageSource: SourceLocation?
    /// Only signs last observed at most this long before now count, when given.
    public var within: PolicyDuration?
    public var source: SourceLocation
}
