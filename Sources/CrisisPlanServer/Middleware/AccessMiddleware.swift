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

    /// The token of `Authorization: Bearer TOKEN` (the scheme in any case).
    static func bearer(_ request: Request) -> String? {
        guard let header = request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}
