/// One thing that helps, in the person's order, for one stage.
public struct Response: Sendable {
    public enum Actor: String, Sendable, CaseIterable {
        case me
        case supporters
        case careTeam = "care_team"
    }

    public var by: Actor
    public var action: String
    /// Shown only while one of these signs is active, when given.
    public var forSigns: [String]
    public var forSignsSources: [SourceLocation]
    public var source: SourceLocation
}
