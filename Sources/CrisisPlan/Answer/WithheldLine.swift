/// Someone withheld from the contacts because a flag names them as the source of harm.
public struct WithheldLine: Sendable {
    /// `nil` for a do-not-contact entry without an id.
    public var id: String?
    public var name: String
    public var because: String
    public var flag: String
}
