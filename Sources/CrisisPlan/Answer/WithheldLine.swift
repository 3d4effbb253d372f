/// Someone withheld from the contacts because a flag names them as the source of harm.
public struct WithheldLine: Sendable {
    /// `nil` for a do-not-contact entry without an id.
    public var id: String?
    public var name: String
    public var because: String
    /// The first fired flag that withholds them; `nil` when only the source-of-harm fact does.
    public var flag: String?
    /// The fact that named them, and when it first did.
    public var fact: String? = nil
    public var namedAt: Timestamp? = nil
}
