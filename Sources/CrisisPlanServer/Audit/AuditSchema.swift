/// The one schema of both audit stores, SQLite and PostgreSQL, with its version: the same
/// table, the same columns, the same order for paging. A store is made with it, never altered
/// by the server, and its version is recorded beside it so a later release can tell what it
/// reads.
enum AuditSchema {
    static let version = 2

    /// The statements that make the store, for an `integer` type of the database's own.
    static func creation(integer: String) -> [String] {
        [
            """
            CREATE TABLE IF NOT EXISTS audit (
              instance TEXT NOT NULL, seq \(integer) NOT NULL, time TEXT NOT NULL, user_id TEXT, person TEXT,
              prev TEXT NOT NULL, hash TEXT NOT NULL, record TEXT NOT NULL, PRIMARY KEY (instance, seq))
            """,
            // Newest first, by (time, instance, seq): each page starts where the last ended.
            "CREATE INDEX IF NOT EXISTS audit_order ON audit (time, instance, seq)",
            "CREATE INDEX IF NOT EXISTS audit_person ON audit (person, time)",
            // The do-not-contact lists last confirmed per person (`DoNotContactLedger`),
            // appended: the newest row of a person is their list. Beside the chains, not in
            // them: these rows are not requests, and a chain holds only what was asked.
            """
            CREATE TABLE IF NOT EXISTS confirmed_do_not_contact (
              time TEXT NOT NULL, instance TEXT NOT NULL, person TEXT NOT NULL, list TEXT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS confirmed_do_not_contact_time ON confirmed_do_not_contact (time)",
            "CREATE TABLE IF NOT EXISTS audit_schema (version \(integer) NOT NULL)",
            "INSERT INTO audit_schema (version) SELECT \(version) WHERE NOT EXISTS (SELECT 1 FROM audit_schema)",
        ]
    }

    /// `ORDER BY` for newest first.
    static let newestFirst = "ORDER BY time DESC, instance DESC, seq DESC"
}

/// Where a page of records ends: the next page holds the records older than it.
struct AuditCursor: Sendable, Equatable {
    var time: String
    var instance: String
    var seq: Int64

    init(time: String, instance: String, seq: Int64) {
        self.time = time
        self.instance = instance
        self.seq = seq
    }

    init(after entry: AuditEntry) {
        self.init(time: entry.time, instance: entry.instance, seq: entry.seq)
    }

    /// `TIME~INSTANCE~SEQ`, as `next` in `GET /v1/audit` gives it and `after` takes it back.
    var text: String { "\(time)~\(instance)~\(seq)" }

    init?(text: String) {
        let parts = text.split(separator: "~", omittingEmptySubsequences: false)
        guard parts.count == 3, let seq = Int64(parts[2]), !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(time: String(parts[0]), instance: String(parts[1]), seq: seq)
    }
}
