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
        let store = try await AuditLocation(audit).open(creating: false)
        defer { Task { await store.close() } }
        var filter = AuditFilter(person: person, user: user, since: since.map(AuditEvent.time))
        do {
            // Page by position in the log, not by count: each page costs the same however long the log.
            while true {
                let page = try await store.records(filter, limit: 1000, offset: 0)
                guard let last = page.last else { break }
                write(page.map { json ? Self.jsonLine($0) : Self.line($0) }.joined(separator: "\n") + "\n")
                filter.before = AuditCursor(after: last)
            }
        } catch {
            throw StartFailure(message: "error: cannot read the audit store \(AuditLocation.redacted(audit)): \(error)")
        }
    }

    /// The record as `GET /v1/audit` gives it, with DEL and the C1 controls escaped too
    /// (JSON escapes only those below U+0020), so no record can drive a terminal.
    static func jsonLine(_ entry: AuditEntry) -> String {
        var out = ""
        for scalar in AuditRoutes.withHash(entry).unicodeScalars {
            if (0x7F...0x9F).contains(scalar.value) || (0x202A...0x202E).contains(scalar.value)
                || (0x2066...0x2069).contains(scalar.value)
            {
                out += String(format: "\\u%04x", scalar.value)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `2026-11-28T16:30:00.123Z  alex (crisis)  people.respond  sam  200  stage crisis  flags …`,
    /// every control character that a client could have sent shown escaped.
    static func line(_ entry: AuditEntry) -> String {
        guard let record = AuditRecordSummary(entry) else {
            return "\(entry.time)  (unreadable record \(TerminalText.visible(entry.instance)) #\(entry.seq))"
        }
        var fields = [record.time, record.user, record.action, record.person, String(record.status)]
        if let stage = record.stage { fields.append("stage \(stage)") }
        if !record.flags.isEmpty { fields.append("flags " + record.flags.joined(separator: ",")) }
        fields.append("request \(record.requestID)")
        return fields.joined(separator: "  ")
    }
}
