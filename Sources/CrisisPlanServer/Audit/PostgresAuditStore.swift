import Foundation
import Logging
import PostgresNIO

/// The shared store for a deployment of several instances (`--audit postgresql://…`): the
/// same table as SQLite's, each instance appending its own chain. A batch is one multi-row
/// INSERT, committed before any request in it is answered.
final class PostgresAuditStore: AuditStore {
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    private init(client: PostgresClient) {
        self.client = client
        runner = Task { await client.run() }
    }

    static func open(url: String, creating: Bool) async throws(StartFailure) -> PostgresAuditStore {
        let configuration = try Self.configuration(url)
        var logger = Logger(label: "crisisplan.audit.postgresql")
        logger.logLevel = .critical
        let store = PostgresAuditStore(client: PostgresClient(configuration: configuration, backgroundLogger: logger))
        do {
            try await Deadline.run(.seconds(10)) { [client = store.client] in
                if creating {
                    for statement in AuditSchema.creation(integer: "BIGINT") {
                        try await client.query(PostgresQuery(unsafeSQL: statement))
                    }
                } else {
                    var found = false
                    for try await name in try await client.query("SELECT to_regclass('audit')::text").decode(String?.self) {
                        found = name != nil
                    }
                    guard found else { throw MissingTable() }
                }
            }
        } catch is MissingTable {
            await store.close()
            throw StartFailure(
                message: "error: the audit store \(AuditLocation.redacted(url)) holds no audit table: it was dropped, or this is not an audit store")
        } catch is Deadline.Passed {
            await store.close()
            throw StartFailure(
                message: "error: cannot reach the audit store \(AuditLocation.redacted(url)) within 10 s; is PostgreSQL running?")
        } catch {
            await store.close()
            throw StartFailure(
                message: "error: cannot open the audit store \(AuditLocation.redacted(url)): \(Self.describe(error))")
        }
        return store
    }

    /// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`.
    static func configuration(_ url: String) throws(StartFailure) -> PostgresClient.Configuration {
        guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user, !user.isEmpty else {
            throw StartFailure(
                message: "error: --audit \(AuditLocation.redacted(url)) is not postgresql://USER@HOST:PORT/DATABASE")
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        let mode = parts.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "prefer": tls = .prefer(.makeClientConfiguration())
        case "require": tls = .require(.makeClientConfiguration())
        default: throw StartFailure(message: "error: --audit sslmode takes disable, prefer or require; found '\(mode)'")
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: user.removingPercentEncoding ?? user,
            password: parts.password?.removingPercentEncoding, database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.connectTimeout = .seconds(2)
        configuration.options.maximumConnections = 4
        return configuration
    }


    func append(_ entries: [AuditEntry]) async throws {
        guard !entries.isEmpty else { return }
        var binds = PostgresBindings(capacity: entries.count * 8)
        for entry in entries {
            binds.append(entry.instance)
            binds.append(entry.seq)
            binds.append(entry.time)
            binds.append(entry.user)
            binds.append(entry.person)
            binds.append(entry.prev)
            binds.append(entry.hash)
            binds.append(entry.record)
        }
        try await client.query(
            PostgresQuery(
                unsafeSQL:
                    "INSERT INTO audit (instance, seq, time, user_id, person, prev, hash, record) VALUES "
                    + Self.placeholders(rows: entries.count, columns: 8) + " ON CONFLICT DO NOTHING",
                binds: binds))
    }

    func records(_ filter: AuditFilter, limit: Int, offset: Int) async throws -> [AuditEntry] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        if let person = filter.person { binds.append(person); conditions.append("person = $\(binds.count)") }
        if let user = filter.user { binds.append(user); conditions.append("user_id = $\(binds.count)") }
        if let since = filter.since { binds.append(since); conditions.append("time >= $\(binds.count)") }
        if !filter.actionPatterns.isEmpty {
            var likes: [String] = []
            for pattern in filter.actionPatterns {
                binds.append(pattern)
                likes.append("record LIKE $\(binds.count)")
            }
            conditions.append("(" + likes.joined(separator: " OR ") + ")")
        }
        if let before = filter.before {
            binds.append(before.time)
            binds.append(before.instance)
            binds.append(before.seq)
            conditions.append("(time, instance, seq) < ($\(binds.count - 2), $\(binds.count - 1), $\(binds.count))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        binds.append(Int64(limit))
        binds.append(Int64(offset))
        return try await entries(
            PostgresQuery(
                unsafeSQL:
                    "SELECT instance, seq, time, user_id, person, prev, hash, record FROM audit \(whereClause) "
                    + "\(AuditSchema.newestFirst) LIMIT $\(binds.count - 1) OFFSET $\(binds.count)",
                binds: binds))
    }

    func instances() async throws -> [String] {
        var names: [String] = []
        for try await name in try await client.query("SELECT DISTINCT instance FROM audit ORDER BY instance").decode(
            String.self)
        {
            names.append(name)
        }
        return names
    }

    func chain(_ instance: String, after seq: Int64, limit: Int) async throws -> [AuditEntry] {
        try await entries(
            "SELECT instance, seq, time, user_id, person, prev, hash, record FROM audit WHERE instance = \(instance) AND seq > \(seq) ORDER BY seq LIMIT \(Int64(limit))"
        )
    }

    func confirm(_ lists: [ConfirmedList]) async throws {
        guard !lists.isEmpty else { return }
        var binds = PostgresBindings(capacity: lists.count * 4)
        for list in lists {
            binds.append(list.time)
            binds.append(list.instance)
            binds.append(list.person)
            binds.append(list.list)
        }
        try await client.query(
            PostgresQuery(
                unsafeSQL: "INSERT INTO confirmed_do_not_contact (time, instance, person, list) VALUES "
                    + Self.placeholders(rows: lists.count, columns: 4),
                binds: binds))
    }

    func confirmedLists(since: String?) async throws -> [ConfirmedList] {
        var found: [ConfirmedList] = []
        for try await (time, instance, person, list) in try await client.query(
            "SELECT time, instance, person, list FROM confirmed_do_not_contact WHERE time >= \(since ?? "") ORDER BY time"
        ).decode((String, String, String, String).self) {
            found.append(ConfirmedList(time: time, instance: instance, person: person, list: list))
        }
        return found
    }

    private struct MissingTable: Error {}

    /// `($1,$2),($3,$4)` for a multi-row insert of `rows` rows of `columns` values each.
    private static func placeholders(rows: Int, columns: Int) -> String {
        (0..<rows).map { row in "(" + (1...columns).map { "$\(row * columns + $0)" }.joined(separator: ",") + ")" }
            .joined(separator: ",")
    }

    func close() async {
        runner.cancel()
        _ = await runner.value
    }

    private func entries(_ query: PostgresQuery) async throws -> [AuditEntry] {
        var found: [AuditEntry] = []
        for try await (instance, seq, time, user, person, prev, hash, record) in try await client.query(query).decode(
            (String, Int64, String, String?, String?, String, String, String).self)
        {
            found.append(
                AuditEntry(
                    instance: instance, seq: seq, time: time, user: user, person: person, prev: prev, hash: hash,
                    record: record))
        }
        return found
    }

    /// PostgreSQL's own message when it sent one (never the URL, which may hold a password).
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)"
        }
        return String(describing: type(of: error))
    }
}
