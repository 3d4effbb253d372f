import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird

/// One audit record per sign-in and per request under `/v1/people`, `/v1/admin` and
/// `/v1/audit`, whatever its outcome (SPEC v2 §9) — written after the route answers and
/// before the answer leaves. If the record cannot be kept anywhere, the answer is replaced by
/// a 503: nothing unrecorded is ever shown.
struct AuditMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let log: AuditLog

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        guard let action = AccessPolicy.auditAction(request.method, request.uri.path) else {
            return try await next(request, context)
        }
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            response = APIErrorMiddleware<ServerContext>.response(for: error, context: context)
        }
        let note = context.audit.current
        let user = note.user
        let event = AuditEvent(
            time: AuditEvent.time(Timestamp.now()),
            requestID: RequestIDMiddleware<ServerContext>.propagated(request.headers[.requestID]) ?? context.id,
            user: user?.id ?? note.attemptedUser, role: user?.role.rawValue, action: action,
            method: request.method.rawValue, path: request.uri.path,
            person: note.person ?? Self.typedPerson(request.uri.path),
            query: action.hasSuffix(".search") ? request.uri.queryParameters.get("q") : nil,
            observation: note.observation, stage: note.stage, flags: note.flags, status: Int(response.status.code),
            rulesVersion: note.rulesVersion ?? response.headers[.rulesVersion], client: context.client)
        do {
            try await log.record(event)
        } catch {
            return APIError.auditUnavailable.response
        }
        return response
    }

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
