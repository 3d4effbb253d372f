/// A duty that points at someone the person does not want contacted: a named professional decides.
public struct ConflictLine: Sendable {
    public var role: String
    public var name: String
    public var flag: String
    public var message: String
}
