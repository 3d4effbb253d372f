import Foundation
import NIOCore
import SQLiteNIO

/// The embedded store: one SQLite file in WAL mode with `synchronous=FULL`, so a commit is on
/// disk before the answer it records is sent. A batch of records is one multi-row INSERT —
/// one statement, one transaction, one fsync for every request waiting on it.
///
/// Table `audit`: `instance`, `seq` (the primary key together), `time`, `user_id`, `person`,
/// `prev`, `hash`, `record` (the canonical JSON that was hashed).
final class SQLiteAuditStore: AuditStore {
    private let connection: SQLiteConnection
    let path: String

    private init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
    }

    static func open(path: String, creating: Bool) async throws(StartFailure) -> SQLiteAuditStore {
        if !creating, !FileManager.default.fileExists(atPath: path) {
            throw StartFailure(message: "error: no audit store at sqlite:\(path) (nothing was created)")
        }
        do {
            let connection = try await SQLiteConnection.open(storage: .file(path: path))
            let store = SQLiteAuditStore(connection: connection, path: path)
            for statement in ["PRAGMA busy_timeout=5000"] + (creating ? ["PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL"] + AuditSchema.creation(integer: "INTEGER") : []) {
                try await connection.query(statement, []) { _ in }
            }
            if !creating {
                let tables = try await connection.query(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'audit'", [])
                guard !tables.isEmpty else {
                    try? await connection.close()
                    throw MissingTable()
                }
            }
            return store
        } catch is MissingTable {
            throw StartFailure(message: "error: the audit store sqlite:\(path) holds no audit table: it was dropped, or this is not an audit store")
        } catch {
            throw StartFailure(message: "error: cannot open the audit store sqlite:\(path): \(Self.describe(error))")
        }
    }


    func append(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        var binds: [SQLiteData] = []
        binds.reserveCapacity(entries.count * 8)
        for entry in entries {
            binds += [
                .text(entry.instance), .integer(Int(entry.seq)), .text(entry.time), entry.user.map { .text($0) } ?? .null,
                entry.person.map { .text($0) } ?? .null, .text(entry.prev), .text(entry.hash), .text(entry.record),
            ]
        }
        let values = Array(repeating: "(?,?,?,?,?,?,?,?)", count: entries.count).joined(separator: ",")
        try await connection.query(
            "INSERT INTO audit (instance, seq, time, user_id, person, prev, hash, record) VALUES \(values) ON CONFLICT DO NOTHING",
            binds) { _ in }
    }

    func records(_ filter: AuditFilter, limit: Int, offset: Int) async throws -> [AuditEntry] {
        var conditions: [String] = []
        var binds: [SQLiteData] = []
        if let person = filter.person { conditions.append("person = ?"); binds.append(.text(person)) }
        if let user = filter.user { conditions.append("user_id = ?"); binds.append(.text(user)) }
        if let since = filter.since { conditions.append("time >= ?"); binds.append(.text(since)) }
        if !filter.actionPatterns.isEmpty {
            conditions.append("(" + filter.actionPatterns.map { _ in "record LIKE ?" }.joined(separator: " OR ") + ")")
            binds += filter.actionPatterns.map { .text($0) }
        }
        if let before = filter.before {
            conditions.append("(time, instance, seq) < (?, ?, ?)")
            binds += [.text(before.time), .text(before.instance), .integer(Int(before.seq))]
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds += [.integer(limit), .integer(offset)]
        return try await connection.query(
            "SELECT * FROM audit \(whereClause) \(AuditSchema.newestFirst) LIMIT ? OFFSET ?", binds
        ).map(Self.entry)
    }

    func instances() async throws -> [String] {
        try await connection.query("SELECT DISTINCT instance FROM audit ORDER BY instance", []).compactMap {
            $0.column("instance")?.string
        }
    }

    func confirm(_ lists: [ConfirmedList]) async throws {
        guard !lists.isEmpty else { return }
        let values = Array(repeating: "(?,?,?,?)", count: lists.count).joined(separator: ",")
        try await connection.query(
            "INSERT INTO confirmed_do_not_contact (time, instance, person, list) VALUES \(values)",
            lists.flatMap { [.text($0.time), .text($0.instance), .text($0.person), .text($0.list)] }) { _ in }
    }

    func confirmedLists(since: String?) async throws -> [ConfirmedList] {
        try await connection.query(
            "SELECT time, instance, person, list FROM confirmed_do_not_contact WHERE time >= ? ORDER BY time, rowid",
            [.text(since ?? "")]
        ).compactMap { row in
            guard let time = row.column("time")?.string, let instance = row.column("instance")?.string,
                let person = row.column("person")?.string, let list = row.column("list")?.string
            else { return nil }
            return ConfirmedList(time: time, instance: instance, person: person, list: list)
        }
    }

    func chain(_ instance: String, after seq: Int64, limit: Int) async throws -> [AuditEntry] {
        try await connection.query(
            "SELECT * FROM audit WHERE instance = ? AND seq > ? ORDER BY seq LIMIT ?",
            [.text(instance), .integer(Int(seq)), .integer(limit)]
        ).map(Self.entry)
    }

    func close() async {
        try? await connection.close()
    }

    private static func entry(_ row: SQLiteRow) -> AuditEntry {
        AuditEntry(
            instance: row.column("instance")?.string ?? "", seq: Int64(row.column("seq")?.integer ?? 0),
            time: row.column("time")?.string ?? "", user: row.column("user_id")?.string,
            person: row.column("person")?.string, prev: row.column("prev")?.string ?? "",
            hash: row.column("hash")?.string ?? "", record: row.column("record")?.string ?? "")
    }

    private struct MissingTable: Error {}

    static func describe(_ error: any Error) -> String {
        if let error = error as? SQLiteError { return error.description }
        return String(describing: error)
    }
}
