import CrisisPlan
import Hummingbird

/// `GET /v1/audit?person=&user=&since=&after=&limit=`: audit records for governance, newest
/// first, `limit` (default 100, at most 1000) to a page. `next` is where the next page starts
/// (pass it as `after`; each page costs the same however long the log), null on the last.
/// `page=N` still works, counted from the start, with `next_page`.
struct AuditRoutes: Sendable {
    let log: AuditLog

    @Sendable func list(_ request: Request, _ context: ServerContext) async throws -> Response {
        do {
            let query = request.uri.queryParameters
            let page = try Self.number(query.get("page"), name: "page", default: 1, range: 1...1_000_000)
            let limit = try Self.number(query.get("limit"), name: "limit", default: 100, range: 1...1000)
            var since: String?
            if let typed = query.get("since") {
                guard let time = Timestamp(parsing: typed) else {
                    throw APIError(
                        status: .badRequest, code: "bad-input",
                        message: "error: since takes a time with a zone, like 2026-11-24T10:30:00Z; found '\(typed)'",
                        source: nil)
                }
                since = AuditEvent.time(time)
            }
            var before: AuditCursor?
            if let typed = query.get("after") {
                guard let cursor = AuditCursor(text: typed), page == 1 else {
                    throw APIError(
                        status: .badRequest, code: "bad-input",
                        message: "error: after takes the 'next' of the previous page, without page; found '\(typed.prefix(64))'",
                        source: nil)
                }
                before = cursor
            }
            let filter = AuditFilter(
                person: query.get("person").flatMap { $0.isEmpty ? nil : $0 },
                user: query.get("user").flatMap { $0.isEmpty ? nil : $0 }, since: since, before: before)
            context.audit.update { $0.person = filter.person.map(BoundedText.column) }
            let found = try await log.store.records(filter, limit: limit + 1, offset: (page - 1) * limit)
            let shown = found.prefix(limit)
            var body = "{\"records\":["
            for (index, entry) in shown.enumerated() {
                if index > 0 { body += "," }
                body += Self.withHash(entry)
            }
            var next = JSONWriter()
            next.string(found.count > limit ? shown.last.map { AuditCursor(after: $0).text } : nil)
            body += "],\"page\":\(page),\"next_page\":\(found.count > limit ? String(page + 1) : "null"),\"next\":\(next.text)}\n"
            return JSONResponse.make(body)
        }
    }

    /// The stored record with its `hash` added, as `audit list --json` prints it.
    static func withHash(_ entry: AuditEntry) -> String {
        guard entry.record.hasSuffix("}") else { return entry.record }
        return String(entry.record.dropLast()) + ",\"hash\":\"\(entry.hash)\"}"
    }

    private static func number(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw APIError(
                status: .badRequest, code: "bad-input",
                message: "error: \(name) takes a whole number from \(range.lowerBound) to \(range.upperBound); found '\(text)'",
                source: nil)
        }
        return number
    }
}
