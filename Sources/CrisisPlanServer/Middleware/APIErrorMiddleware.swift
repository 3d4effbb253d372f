import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOHTTP1

/// Turns every error into SPEC v2 §9's shape, so no route can answer with a framework's
/// default body, and an unexpected error says only that it is logged (never its text).
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            return Self.response(for: error, context: context)
        }
    }

    /// The response for any error, as §9 shapes it.
    static func response(for error: any Error, context: Context) -> Response {
        switch error {
        case let error as APIError:
            return error.response
        case is NIOTooManyBytesError:
            return APIError.tooLarge(limit: RespondRoute.bodyLimit).response
        case is HTTPParserError:
            // A body that is not valid HTTP (a malformed chunk) is the client's error.
            return APIError(
                status: .badRequest, code: "bad-request", message: "error: the request's body is not valid HTTP/1.1",
                source: nil
            ).response
        case let error as HTTPError:
            return APIError(
                status: error.status, code: Self.code(error.status), message: Self.message(error.status), source: nil
            ).response
        default:
            context.logger.error("unexpected error", metadata: ["error": .string(String(reflecting: type(of: error)))])
            return APIError(
                status: .internalServerError, code: "internal",
                message: "error: the server could not answer; the problem is logged under request id \(context.id)",
                source: nil
            ).response
        }
    }

    private static func code(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "not-found"
        case .methodNotAllowed: "method-not-allowed"
        case .contentTooLarge: "too-large"
        default: "http-\(status.code)"
        }
    }

    private static func message(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "error: no such route; the routes are listed in /openapi.yaml"
        case .methodNotAllowed: "error: this route does not take that method; see /openapi.yaml"
        default: "error: \(status.reasonPhrase.lowercased())"
        }
    }
}
