import Foundation
import HTTPTypes
import CrisisPlan
import Hummingbird
import Logging

/// Who a request comes from, and whether they may use a route: a bearer token on any route,
/// the session cookie on pages only (so a page on another site can never drive the API).
/// The API answers 401 without a valid token and 403 when the role may not; a page sends
/// the browser to sign in, or says in a page that this role may not see it.
struct SignInGate: Sendable {
    static let logger = Logger(label: "crisisplan.cds")
    enum Outcome: Sendable {
        case admitted(SignedInUser)
        /// A record system, on a CDS Hooks route.
        case admittedCaller(CDSCaller)
        /// The user, when known, and the refusal (thrown for the API's JSON errors).
        case refused(SignedInUser?, @Sendable () throws -> Response)
    }

    let tokens: TokenService
    let users: UserDirectory
    let pages: PageRenderer
    let replay: FormReplay
    let cdsClients: CDSClientKeys
    /// For a CDS JWT's `aud`.
    let address: ServiceAddress
    /// Refused record-system calls are logged at most 60 a minute per address (with how many
    /// went unlogged): anyone may send them, and the log must not grow without bound.
    let refusedCallsLogged = UnsignedAuditLimit()

    func admit(_ request: Request, surface: RouteSurface, access: RouteAccess, client: String) async -> Outcome {
        if access == .cdsClient { return await admitCaller(request, client: client) }
        let token = Self.bearer(request) ?? (surface == .pages ? SessionCookie.value(SessionCookie.name, in: request) : nil)
        guard let token, let user = await tokens.verify(token, users: users) else {
            guard surface == .pages else { return .refused(nil) { throw APIError.notSignedIn } }
            var back = request.method == .get ? request.uri.path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
            var kept: String?
            if request.method == .post, let page = FormReplay.formPage(for: request.uri.path) {
                // The session ran out with a form in hand: keep its choices to put back.
                var request = request
                if let body = try? await request.collectBody(upTo: PageForm.limit) {
                    kept = replay.keep(
                        path: request.uri.path, body: String(decoding: body.readableBytesView, as: UTF8.self),
                        now: Timestamp.now())
                }
                back = page + (kept == nil ? "" : "?restore=1")
            }
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "next", value: back)]
            let location = "/login" + (components.percentEncodedQuery.map { "?" + $0 } ?? "")
            return .refused(nil) { [kept] in
                var response = PageResponses.redirect(location)
                if let kept { response.headers[.setCookie] = kept }
                return response
            }
        }
        guard access.allows(user.role) else {
            let error = APIError.forbidden(user.role, access: access)
            guard surface == .pages else { return .refused(user) { throw error } }
            let pages = pages
            let frame = PageFrame(user, tokens: tokens)
            return .refused(user) {
                pages.message(
                    "You cannot see this page", [error.message.replacingOccurrences(of: "error: ", with: "")],
                    links: [PageLink(href: "/", label: "Back to the start")], frame: frame, status: .forbidden)
            }
        }
        return .admitted(user)
    }

    /// A record system's JWT, checked against the keys of the issuer it names and the URL it
    /// was sent to; refused with 401 and nothing said of why (the log says).
    private func admitCaller(_ request: Request, client: String) async -> Outcome {
        guard let token = Self.bearer(request) else { return .refused(nil) { throw APIError.cdsNotAuthorized } }
        let url = address.base(request) + request.uri.path
        // Feedback is sent to the service's feedback endpoint; a record system may name either.
        let urls = url.hasSuffix("/feedback") ? [url, String(url.dropLast("/feedback".count))] : [url]
        switch await cdsClients.verify(token, urls: urls) {
        case .admitted(let caller): return .admittedCaller(caller)
        case .refused(let reason):
            // Said in the log for whoever wires up the record system, never to the caller.
            if case .record(let unlogged) = refusedCallsLogged.decide(client: client, now: Timestamp.now().seconds) {
                var metadata: Logger.Metadata = ["reason": "\(reason)", "path": "\(request.uri.path.prefix(200))"]
                if unlogged > 0 { metadata["refused_unlogged_before"] = "\(unlogged)" }
                Self.logger.notice("CDS Hooks call refused", metadata: metadata)
            }
            return .refused(nil) { throw APIError.cdsNotAuthorized }
        }
    }

    /// The token of `Authorization: Bearer TOKEN` (the scheme in any case). Read as bytes:
    /// it is on every request, and Foundation's trimming cost more than the rest of the check.
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let bytes = Array(header.utf8)
        let scheme = Array("bearer ".utf8)
        guard bytes.count > scheme.count,
            zip(bytes, scheme).allSatisfy({ ($0 | 0x20) == $1 || ($0 == $1) })
        else { return nil }
        var start = scheme.count
        var end = bytes.count
        while start < end, bytes[start] == UInt8(ascii: " ") || bytes[start] == UInt8(ascii: "\t") { start += 1 }
        while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
        return start < end ? String(decoding: bytes[start..<end], as: UTF8.self) : nil
    }
}
