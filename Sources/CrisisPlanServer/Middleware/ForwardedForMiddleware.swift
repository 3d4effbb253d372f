import HTTPTypes
import Hummingbird

/// Sets the request's client address from `X-Forwarded-For` when the peer is a trusted proxy
/// (`TrustedProxies`), before anything reads it: lock-outs, sign-in limits and the audit record
/// then count the person at the browser, not the proxy in front of every request.
struct ForwardedForMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard let name = HTTPField.Name("X-Forwarded-For") else { return try await next(request, context) }
        var context = context
        context.client = proxies.client(peer: context.client, forwardedFor: request.headers[values: name])
        return try await next(request, context)
    }
}
