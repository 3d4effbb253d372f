/// A professional's decision, on the record, that someone named as the source of harm may be
/// contacted again (`reinstated: [{contact, by, reason}]` in an observation).
public struct Reinstatement: Sendable {
    /// The person, by id or name, as a contact fact names them.
    public var contact: String
    public var by: String
    public var reason: String
    public var source: SourceLocation
}
