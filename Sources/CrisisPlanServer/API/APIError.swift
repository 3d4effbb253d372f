import CrisisPlan
import HTTPTypes
import Hummingbird

/// An error as the API sends it (SPEC v2 §9): `{"error": {"code", "message", "source",
/// "suggestions"}}`, with the command line's message. Never a password, a token or a stack.
struct APIError: HTTPResponseError, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var source: String?
    var suggestions: [String] = []
    /// Extra headers: `WWW-Authenticate` on a 401, `Retry-After` on a 429.
    var headers: HTTPFields = [:]

    /// What `respond` would exit 2 with.
    static func badInput(_ input: BadInput) -> APIError {
        APIError(
            status: .badRequest, code: "bad-input", message: input.message, source: input.source,
            suggestions: input.suggestions)
    }

    /// PERSON matched no one (or several): 404 with the closest ids.
    static func unknownPerson(_ input: BadInput) -> APIError {
        APIError(
            status: .notFound, code: "unknown-person", message: input.message, source: nil,
            suggestions: input.suggestions)
    }

    static let noLibrary = APIError(
        status: .serviceUnavailable, code: "no-library",
        message: "error: no rules library is loaded yet; try again shortly", source: nil)

    /// `what` says what the body holds: "observations are", "a sign-in is".
    static func tooLarge(limit: Int, what: String = "observations are") -> APIError {
        let size = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit >> 10) KiB"
        return APIError(
            status: .contentTooLarge, code: "too-large",
            message: "error: the body is over \(limit) bytes (\(size)); \(what) limited to \(size)", source: nil)
    }

    static let notJSON = APIError(
        status: .unsupportedMediaType, code: "not-json",
        message: "error: the body must be JSON, sent with Content-Type: application/json", source: nil)

    static let notSignedIn = APIError(
        status: .unauthorized, code: "not-signed-in",
        message:
            "error: sign in first: POST /v1/login with {\"user\", \"password\"}, then send the token as Authorization: Bearer TOKEN",
        source: nil, headers: [.wwwAuthenticate: "Bearer realm=\"crisisplan\""])

    /// A CDS Hooks call without a JWT this service accepts (CDS Hooks 2.0: 401).
    static let cdsNotAuthorized = APIError(
        status: .unauthorized, code: "cds-client-not-authorized",
        message:
            "error: CDS Hooks calls need Authorization: Bearer JWT, signed by a record system this service allows (--cds-client), for this URL, not used before",
        source: nil, headers: [.wwwAuthenticate: "Bearer realm=\"crisisplan-cds\""])

    static func forbidden(_ role: Role, access: RouteAccess) -> APIError {
        let needed = access.roleNames.map { "; it needs the \($0) role" } ?? ""
        return APIError(
            status: .forbidden, code: "role-not-allowed",
            message: "error: the \(role.rawValue) role may not use this route\(needed)", source: nil)
    }

    static let wrongSignIn = APIError(
        status: .unauthorized, code: "sign-in-failed", message: "error: the user name or password is not right",
        source: nil, headers: [.wwwAuthenticate: "Bearer realm=\"crisisplan\""])

    /// The fourth failure: one more locks this name out from this address.
    static let wrongSignInLastTry = APIError(
        status: .unauthorized, code: "sign-in-failed",
        message:
            "error: the user name or password is not right; one more failure locks this user name out from this address for 15 minutes",
        source: nil, headers: [.wwwAuthenticate: "Bearer realm=\"crisisplan\""])

    /// The fifth failure: the name is now locked out from this address, and the answer says so
    /// (the next try would be refused anyway, unchecked).
    static let wrongSignInNowLocked = APIError(
        status: .unauthorized, code: "sign-in-failed",
        message:
            "error: the user name or password is not right; this user name is now locked out from this address for 15 minutes — ask an admin to run crisisplan user unlock if you cannot wait",
        source: nil, headers: [.wwwAuthenticate: "Bearer realm=\"crisisplan\""])

    static func lockedOut(seconds: Int64) -> APIError {
        APIError(
            status: .tooManyRequests, code: "locked-out",
            message:
                "error: too many failed sign-ins for this user from this address; try again in \((seconds + 59) / 60) minutes, or ask an admin to run crisisplan user unlock",
            source: nil, headers: [.retryAfter: String(seconds)])
    }

    /// This address has too many sign-ins being checked; no one else is held up.
    static let signInBusyForAddress = APIError(
        status: .tooManyRequests, code: "sign-in-busy",
        message: "error: too many sign-ins from this address are being checked; wait a few seconds and try again",
        source: nil, headers: [.retryAfter: "2"])

    /// Too many sign-ins are waiting overall.
    static let signInBusy = APIError(
        status: .serviceUnavailable, code: "sign-in-busy",
        message: "error: sign-in is busy; wait a few seconds and try again", source: nil, headers: [.retryAfter: "2"])

    static let auditUnavailable = APIError(
        status: .serviceUnavailable, code: "audit-unavailable",
        message:
            "error: the audit log cannot be written (neither its store nor the spill file), so nothing is shown; the problem is logged",
        source: nil)

    var body: String {
        var json = JSONWriter()
        json.beginObject()
        json.key("error")
        json.beginObject()
        json.field("code", code)
        // As the command line prints it: a control character or a direction override a
        // client sent (in a person id, say) is written visibly, never passed on raw.
        json.field("message", TerminalText.visible(message, keepingLineBreaks: true))
        json.field("source", source)
        json.field("suggestions", suggestions)
        json.endObject()
        json.endObject()
        return json.text + "\n"
    }

    var response: Response {
        JSONResponse.make(body, status: status, headers: headers)
    }

    /// As a thrown `HTTPResponseError`, so that the metrics middleware counts its status.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }
}
