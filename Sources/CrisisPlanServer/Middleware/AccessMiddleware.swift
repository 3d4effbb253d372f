import Foundation
import HTTPTypes
import Hummingbird

/// Sign-in and roles for every route, in one place (SPEC v2 §9): the token from
/// `Authorization: Bearer` (or, for pages only, the session cookie), checked by
/// `TokenService`, then the role against `AccessPolicy`. The API answers 401 when no valid
/// token and 403 when the role may not; a page sends the browser to sign in, or says in a
/// page that this role may not see it.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let tokens: TokenService
    let users: UserDirectory
    let pages: PageRenderer

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        let path = request.uri.path
        let access = AccessPolicy.access(request.method, path)
        guard access != .open else { return try await next(request, context) }
        let isPage = AccessPolicy.isPage(path)
        // A cookie signs in pages only: the API cannot be driven by a page on another site.
        let token = Self.bearer(request) ?? (isPage ? SessionCookie.value(SessionCookie.name, in: request) : nil)
        guard let token, let user = await tokens.verify(token, users: users) else {
            guard isPage else { throw APIError.notSignedIn }
            let back = request.method == .get ? path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
            var components = URLComponents()
            components.queryItems = [URLQueryItem(name: "next", value: back)]
            return PageRoutes.redirect("/login" + (components.percentEncodedQuery.map { "?" + $0 } ?? ""))
        }
        var context = context
        context.user = user
        context.audit.update { $0.user = user }
        guard access.allows(user.role) else {
            guard isPage else { throw APIError.forbidden(user.role, access: access) }
            return pages.message(
                "You cannot see this page", [APIError.forbidden(user.role, access: access).message.replacingOccurrences(of: "error: ", with: "")],
                links: [PageLink(href: "/", label: "Back to the start")], frame: PageFrame(user, tokens: tokens), status: .forbidden)
        }
        return try await next(request, context)
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
