import HTTPTypes
import Hummingbird

/// Cross-origin calls to the CDS Hooks service, as record systems that run in a browser make
/// them (CDS Hooks 2.0 expects services to allow them): a preflight (`OPTIONS`) under
/// `/cds-services` is answered here, before sign-in and audit — it carries no token and no
/// plan content — and every answer under `/cds-services` may be read by any origin. That is
/// safe because these routes take only a record system's bearer JWT, never a cookie, so a page
/// on another site gains nothing a script without the JWT could not already ask for.
struct CDSCORSMiddleware<Context: RequestContext>: RouterMiddleware {
    static var prefix: String { "/cds-services" }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard path == Self.prefix || path.hasPrefix(Self.prefix + "/") else { return try await next(request, context) }
        if request.method == .options {
            var headers: HTTPFields = [.accessControlAllowOrigin: "*"]
            headers[.accessControlAllowMethods] = "GET, POST, OPTIONS"
            headers[.accessControlAllowHeaders] = "Authorization, Content-Type"
            headers[.accessControlMaxAge] = "600"
            return Response(status: .noContent, headers: headers)
        }
        var response = try await next(request, context)
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }
}
