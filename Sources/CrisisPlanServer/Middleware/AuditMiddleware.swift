import CrisisPlan
import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// One audit record per request to an audited route — the action is the one declared with
/// the route — and per request under `/v1/people`, `/v1/admin`, `/v1/audit`, `/v1/login`,
/// `/people` and `/training` that matched no route (`other`), whatever its outcome. Written
/// after the route answers and before the answer leaves: if the record cannot be kept
/// anywhere, the answer is replaced by a 503, so nothing unrecorded is ever shown.
///
/// What a client sent is cut to 256 bytes; a user name that is no user's is recorded as
/// `unknown` with its HMAC (a password typed into the name field never lands in the log); and
/// requests that are not signed in are recorded at most 60 a minute per address.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    static let auditedPrefixes = [
        "/v1/people", "/v1/admin", "/v1/audit", "/v1/login", "/people", "/training", "/cds-services",
    ]

    let log: AuditLog
    let pages: PageRenderer
    let nameKey: SymmetricKey
    let users: UserDirectory
    /// Shared with `UnrecordedCountRecorder`, which records the counts of addresses gone quiet.
    let unsigned: UnsignedAuditLimit
    /// For the rules version of a record whose route read no library (sign-in, a 404): the
    /// version served when it was answered.
    let store: LibraryStore

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = APIErrorMiddleware<ServerContext>.response(for: error, context: context)
        }
        let note = context.audit.current
        guard let action = note.action ?? (Self.isAudited(request.uri.path) ? "other" : nil) else { return response }
        let now = Timestamp.now()
        var suppressed = 0
        if note.user == nil && note.caller == nil {
            switch unsigned.decide(client: context.client, now: now.seconds) {
            case .skip: return response
            case .record(let count): suppressed = count
            }
        }
        let event = AuditEvent(
            time: AuditEvent.time(now),
            requestID: RequestIDMiddleware<ServerContext>.propagated(request.headers[.requestID]) ?? context.id,
            // Cut too: a token's subject or an EHR's user id is what a client sent.
            user: BoundedText.column(note.user?.id ?? note.caller?.recordedUser ?? note.attemptedUser.map(recordedName)),
            role: note.user?.role.rawValue ?? note.caller.map { _ in CDSCaller.role },
            action: action, method: request.method.rawValue, path: BoundedText.column(request.uri.path),
            person: BoundedText.column(note.person ?? Self.typedPerson(request.uri.path)),
            query: action.hasSuffix(".search") ? BoundedText.column(request.uri.queryParameters.get("q")) : nil,
            observation: note.observation?.bounded, stage: note.stage, flags: note.flags,
            status: Int(response.status.code),
            rulesVersion: note.rulesVersion ?? response.headers[.rulesVersion] ?? store.library?.version, client: context.client,
            suppressed: suppressed == 0 ? nil : suppressed, details: note.details.mapValues(\.bounded))
        do {
            try await log.record(event)
        } catch {
            guard note.surface == .pages else { return APIError.auditUnavailable.response }
            return pages.message(
                "This page cannot be shown",
                ["The audit log cannot be written just now, so nothing is shown. The problem is logged; try again shortly."],
                links: [PageLink(href: "/", label: "Back to the start")], frame: .signedOut,
                status: .serviceUnavailable)
        }
        return response
    }

    /// A name tried at sign-in: as typed when it is a user's, else `unknown` with its HMAC
    /// under the server's audit key — repeated tries of one name can be linked, but what was
    /// typed (perhaps a password) cannot be read back.
    func recordedName(_ typed: String) -> String {
        if users.account(typed) != nil { return typed }
        let code = HMAC<SHA256>.authenticationCode(for: Array(typed.utf8), using: nameKey)
        return "unknown:hmac-sha256:" + code.map { String(format: "%02x", $0) }.joined()
    }

    static func isAudited(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return auditedSegments.contains { wanted in
            segments.count >= wanted.count && zip(segments, wanted).allSatisfy { $0 == $1 }
        }
    }

    /// `auditedPrefixes` split once: every request that names no action is checked here.
    private static let auditedSegments = auditedPrefixes.map { $0.split(separator: "/").map(String.init) }

    /// `/v1/people/{id}…` or the page `/people/{id}…` → the id as typed, for a record whose
    /// person was not found.
    static func typedPerson(_ path: String) -> String? {
        var segments = path.split(separator: "/")
        if segments.first == "v1" { segments.removeFirst() }
        guard segments.count >= 2, segments[0] == "people" else { return nil }
        let raw = String(segments[1])
        return raw.removingPercentEncoding ?? raw
    }
}
