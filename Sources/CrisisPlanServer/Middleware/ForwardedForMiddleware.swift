import HTTPTypes
import Hummingbird

/// Sets the request's client address from `X-Forwarded-For` when the peer is a trusted proxy
/// (`TrustedProxies`), before anything reads it: lock-outs, sign-in limits and the audit record
/// then count the person at the browser, not the proxy in front of every request.
struct ForwardedForMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let proxies: TrustedProxies
    static let header = HTTPField.Name("X-Forwarded-For")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.client = proxies.client(peer: context.client, forwardedFor: request.headers[values: Self.header])
        return try await next(request, context)
    }
}
