/// A sign the person and their team agreed means things are getting harder.
public struct EarlyWarningSign: Sendable {
    public var id: String
    /// In the person's own words.
    public var says: String
    /// How others may report it.
    public var also: [String]
    public var stage: String
    public var stageSource: SourceLocation
    public var source: SourceLocation
}
