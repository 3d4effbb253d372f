import CrisisPlan
import Foundation

/// `crisisplan audit list`: the records governance asks about, newest first — one line each,
/// or with `--json` the records as `GET /v1/audit` gives them, one per line.
public struct AuditLister: Sendable {
    public var audit: String
    public var person: String?
    public var user: String?
    public var since: Timestamp?
    public var json: Bool

    public init(audit: String, person: String?, user: String?, since: Timestamp?, json: Bool) {
        self.audit = audit
        self.person = person
        self.user = user
        self.since = since
        self.json = json
    }

    /// Writes each page as it is read, so a long log is never held whole.
    public func run(write: (String) -> Void) async throws(StartFailure) {
        let store = try await AuditLocation(audit).open()
        defer { Task { await store.close() } }
        let filter = AuditFilter(person: person, user: user, since: since.map(AuditEvent.time))
        var offset = 0
        do {
            while true {
                let page = try await store.records(filter, limit: 1000, offset: offset)
                if page.isEmpty { break }
                write(page.map { json ? AuditRoutes.withHash($0) : Self.line($0) }.joined(separator: "\n") + "\n")
                offset += page.count
            }
        } catch {
            throw StartFailure(message: "error: cannot read the audit store \(AuditLocation.redacted(audit)): \(error)")
        }
    }

    /// `2026-11-28T16:30:00.123Z  alex (crisis)  people.respond  sam  200  crisis  flags: …`
    static func line(_ entry: AuditEntry) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(entry.record.utf8)) as? [String: Any] else {
            return "\(entry.time)  (unreadable record \(entry.instance) #\(entry.seq))"
        }
        let user = (object["user"] as? String ?? "-") + ((object["role"] as? String).map { " (\($0))" } ?? "")
        var fields = [
            entry.time, user, object["action"] as? String ?? "-", entry.person ?? "-",
            String((object["status"] as? NSNumber)?.intValue ?? 0),
        ]
        if let stage = object["stage"] as? String { fields.append("stage \(stage)") }
        if let flags = object["flags"] as? [String], !flags.isEmpty { fields.append("flags " + flags.joined(separator: ",")) }
        fields.append("request \(object["request_id"] as? String ?? "-")")
        return fields.joined(separator: "  ")
    }
}
