import CrisisPlan
import Foundation
import Hummingbird

/// The governance pages, signed in by the session cookie as every page is: the audit log
/// (newest first, filtered by person, user and time, a page at a time) and what `check` and
/// `test` say of the library served. The JSON routes stay, for bearer tokens.
struct GovernanceRoutes: Sendable {
    static let pageSize = 50
    let log: AuditLog
    let store: LibraryStore
    let checks: LibraryChecks
    let pages: PageRenderer
    let tokens: TokenService

    @Sendable func audit(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = PageForm(query: request)
        let person = form.value("person").flatMap { $0.isEmpty ? nil : String($0.prefix(256)) }
        let user = form.value("user").flatMap { $0.isEmpty ? nil : String($0.prefix(256)) }
        let sinceText = form.value("since").flatMap { $0.isEmpty ? nil : String($0.prefix(64)) }
        var problems: [String] = []
        var since: String?
        if let sinceText {
            if let time = Timestamp(parsing: sinceText)
                ?? CalendarDate(parsing: sinceText).map({ Timestamp(seconds: Int64($0.daysSinceEpoch) * 86_400) })
            {
                since = AuditEvent.time(time)
            } else {
                problems.append("“Since” takes a date (2026-11-24) or a time with a zone (2026-11-24T10:30:00Z).")
            }
        }
        let after = form.value("after").flatMap(AuditCursor.init(text:))
        context.audit.update { $0.person = person.map(BoundedText.column) }
        let filter = AuditFilter(person: person, user: user, since: since, before: after)
        let found = problems.isEmpty ? try await log.store.records(filter, limit: Self.pageSize + 1, offset: 0) : []
        let shown = found.prefix(Self.pageSize)
        var next: String?
        if found.count > Self.pageSize, let last = shown.last {
            var query = URLComponents()
            query.queryItems = [
                URLQueryItem(name: "person", value: person), URLQueryItem(name: "user", value: user),
                URLQueryItem(name: "since", value: sinceText), URLQueryItem(name: "after", value: AuditCursor(after: last).text),
            ].filter { $0.value != nil }
            next = "/governance/audit?" + (query.percentEncodedQuery ?? "")
        }
        return pages.page(
            "governance-audit",
            AuditPage(
                frame: PageFrame(context.user, tokens: tokens), person: person ?? "", user: user ?? "", since: sinceText ?? "",
                problems: problems, records: shown.map(AuditPage.Record.init), hasRecords: !shown.isEmpty, next: next,
                isFirstPage: after == nil))
    }

    static let followThroughDays = 90
    static let followThroughLimit = 10_000

    /// `GET /governance/follow-through`: how often plans were followed in the last 90 days,
    /// per person, per flag and per record-system card, with the reasons when not.
    @Sendable func followThrough(_ request: Request, _ context: ServerContext) async throws -> Response {
        let since = Timestamp(seconds: Timestamp.now().seconds - Int64(Self.followThroughDays) * 86_400)
        let found = try await log.store.records(
            AuditFilter(since: AuditEvent.time(since), actions: ["page.feedback", "cds.feedback"]),
            limit: Self.followThroughLimit + 1, offset: 0)
        let labels = Dictionary(
            (store.library?.policy.overrideReasons ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
        let summary = FollowThrough(Array(found.prefix(Self.followThroughLimit)), labels: labels)
        return pages.page(
            "governance-follow-through",
            FollowThroughPage(
                frame: PageFrame(context.user, tokens: tokens), days: Self.followThroughDays, summary: summary,
                capped: found.count > Self.followThroughLimit))
    }

    @Sendable func checks(_ request: Request, _ context: ServerContext) async throws -> Response {
        guard let library = store.library else { throw APIError.noLibrary }
        let result = await checks.result(for: library)
        return pages.page(
            "governance-checks", ChecksPage(frame: PageFrame(context.user, tokens: tokens), result: result),
            headers: [.rulesVersion: library.version])
    }
}

/// The audit log page's model: each record as `audit list` shows it, in columns.
struct AuditPage: Sendable {
    struct Record: Sendable {
        var time: String
        var user: String
        var action: String
        var person: String
        var status: String
        var detail: String

        init(_ entry: AuditEntry) {
            time = entry.time
            guard let record = AuditRecordSummary(entry) else {
                (user, action, person, status, detail) = ("—", "—", "—", "—", "a record that is not JSON")
                return
            }
            user = record.user
            action = record.action
            person = record.person
            status = String(record.status)
            var details: [String] = []
            if let stage = record.stage { details.append("stage \(stage)") }
            if !record.flags.isEmpty { details.append("flags " + record.flags.joined(separator: ", ")) }
            if let suppressed = record.suppressed { details.append("\(suppressed) more not signed in, not recorded") }
            detail = details.joined(separator: "; ")
        }
    }
    var frame: PageFrame
    var person: String
    var user: String
    var since: String
    var problems: [String]
    var records: [Record]
    var hasRecords: Bool
    var next: String?
    var isFirstPage: Bool
}

/// The checks page's model.
struct ChecksPage: Sendable {
    var frame: PageFrame
    var result: LibraryChecks.Result
    var summary: String
    var failing: [LibraryChecks.Result.Step]
    var hasFailing: Bool
    var hasDiagnostics: Bool

    init(frame: PageFrame, result: LibraryChecks.Result) {
        self.frame = frame
        self.result = result
        let tests = result.tests.map { "; scenarios: \($0.passed) passed, \($0.failed) failed" } ?? "; no scenarios"
        summary = "\(result.files) files checked: \(result.errors) errors, \(result.warnings) warnings" + tests
        failing = result.tests?.steps.filter { !$0.passed } ?? []
        hasFailing = !failing.isEmpty
        hasDiagnostics = !result.diagnostics.isEmpty
    }
}

/// The follow-through page's model.
struct FollowThroughPage: Sendable {
    var frame: PageFrame
    var days: Int
    var summary: FollowThrough
    /// More records than the page reads: the oldest are left out.
    var capped: Bool
    // Stored, not computed: templates read stored properties only.
    var hasPeople: Bool
    var hasFlags: Bool
    var hasCards: Bool
    var isEmpty: Bool

    init(frame: PageFrame, days: Int, summary: FollowThrough, capped: Bool) {
        self.frame = frame
        self.days = days
        self.summary = summary
        self.capped = capped
        hasPeople = !summary.people.isEmpty
        hasFlags = !summary.flags.isEmpty
        hasCards = !summary.cards.isEmpty
        isEmpty = summary.total == 0
    }
}
