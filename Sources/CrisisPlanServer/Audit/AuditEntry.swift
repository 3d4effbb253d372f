/// One record as the store keeps it: the canonical JSON that was hashed, and beside it the
/// columns a query filters on (each also inside the JSON, so `audit verify` notices a column
/// changed by hand).
struct AuditEntry: Sendable, Equatable {
    var instance: String
    var seq: Int64
    var time: String
    var user: String?
    var person: String?
    var prev: String
    var hash: String
    /// RFC 8785 canonical JSON of the record without `hash`.
    var record: String
}

/// The newest record of one instance's chain.
struct ChainHead: Sendable, Equatable {
    var seq: Int64
    var hash: String

    static let genesis = ChainHead(seq: 0, hash: String(repeating: "0", count: 64))
}
