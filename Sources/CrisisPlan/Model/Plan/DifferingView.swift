/// Where the person and the care team see something differently, recorded side by side.
public struct DifferingView: Sendable {
    public var about: String
    public var person: String
    public var careTeam: String
    public var source: SourceLocation
}
