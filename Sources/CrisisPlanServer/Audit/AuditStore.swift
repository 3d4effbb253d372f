/// Where audit records are kept: SQLite embedded (the default) or PostgreSQL for a shared
/// deployment. Append-only for the server: nothing here edits or deletes a record.
protocol AuditStore: Sendable {
    /// Stores `entries` in one committed transaction. An entry already stored (the same
    /// instance and seq, from a spill replayed twice after a crash) is left as it is.
    func append(_ entries: [AuditEntry]) async throws
    /// Records matching `filter`, newest first.
    func records(_ filter: AuditFilter, limit: Int, offset: Int) async throws -> [AuditEntry]
    /// Every instance with a chain here.
    func instances() async throws -> [String]
    /// One chain in order, `limit` records after `seq`.
    func chain(_ instance: String, after seq: Int64, limit: Int) async throws -> [AuditEntry]
    /// Keeps confirmed do-not-contact lists, appended beside the chains, in one transaction.
    func confirm(_ lists: [ConfirmedList]) async throws
    /// The confirmed lists kept at or after `since` (all when nil), oldest first.
    func confirmedLists(since: String?) async throws -> [ConfirmedList]
    func close() async
}

/// One person's do-not-contact list as confirmed at `time`, as the audit store keeps it.
struct ConfirmedList: Sendable, Equatable {
    var time: String
    var instance: String
    var person: String
    /// A JSON array of `{"id", "name", "reason", "source"}`.
    var list: String
}

/// Which records `GET /v1/audit` and `audit list` want.
struct AuditFilter: Sendable, Equatable {
    var person: String?
    var user: String?
    /// Records at or after this time (an audit time string; they sort as text).
    var since: String?
    /// Only records older than this one: the next page.
    var before: AuditCursor?
    /// Only records of these actions (matched in the canonical record text, which writes
    /// `"action":"NAME"` exactly once).
    var actions: [String]? = nil

    /// `%"action":"page.feedback"%` for each action.
    var actionPatterns: [String] {
        (actions ?? []).map { "%\"action\":\"" + $0.replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") + "\"%" }
    }
}

/// Where the store is, from `--audit`: `sqlite:PATH` or `postgresql://…`.
enum AuditLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgresql(url: String)

    static let defaultValue = "sqlite:audit.sqlite"

    init(_ text: String) throws(StartFailure) {
        if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw StartFailure(message: "error: --audit sqlite: needs a path, like sqlite:audit.sqlite") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") {
            self = .postgresql(url: text)
        } else {
            throw StartFailure(
                message: "error: --audit takes sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE; found '\(Self.redacted(text))'")
        }
    }

    /// The location for messages and logs, without a password.
    var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgresql(let url): Self.redacted(url)
        }
    }

    /// `postgresql://user:secret@host/db` → `postgresql://user:***@host/db`.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        let credentials = url[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }

    /// Opens the store, making it when `creating` (the server); `audit verify` and `audit list`
    /// open only a store that exists, and never make one.
    func open(creating: Bool = true) async throws(StartFailure) -> any AuditStore {
        switch self {
        case .sqlite(let path): try await SQLiteAuditStore.open(path: path, creating: creating)
        case .postgresql(let url): try await PostgresAuditStore.open(url: url, creating: creating)
        }
    }
}
