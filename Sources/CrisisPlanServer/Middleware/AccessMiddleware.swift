import HTTPTypes
import Hummingbird

/// Sign-in and roles for every route, in one place (SPEC v2 §9): the token from
/// `Authorization: Bearer` (or the page session cookie), checked by `TokenService`, then the
/// role against `AccessPolicy`. 401 when no valid token, 403 when the role may not.
struct AccessMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let tokens: TokenService
    let users: UserDirectory

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        let access = AccessPolicy.access(request.method, request.uri.path)
        guard access != .open else { return try await next(request, context) }
        guard let token = Self.bearer(request), let user = await tokens.verify(token, users: users) else {
            throw APIError.notSignedIn
        }
        var context = context
        context.user = user
        context.audit.update { $0.user = user }
        guard access.allows(user.role) else { throw APIError.forbidden(user.role, access: access) }
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
