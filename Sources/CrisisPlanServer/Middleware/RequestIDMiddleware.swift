import HTTPTypes
import Hummingbird

/// `X-Request-Id` on every response, errors included (SPEC v2 §9): the id Hummingbird gives
/// the request and puts in every log line about it, so a report can be matched to the logs.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        response.headers[.requestID] = context.id
        return response
    }
}
