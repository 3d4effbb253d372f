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

    static func tooLarge(limit: Int) -> APIError {
        APIError(
            status: .contentTooLarge, code: "too-large",
            message: "error: the body is over \(limit) bytes (1 MiB); observations are limited to 1 MiB", source: nil)
    }

    static let notJSON = APIError(
        status: .unsupportedMediaType, code: "not-json",
        message: "error: the body must be JSON, sent with Content-Type: application/json", source: nil)

    var body: String {
        var json = JSONWriter()
        json.beginObject()
        json.key("error")
        json.beginObject()
        json.field("code", code)
        json.field("message", message)
        json.field("source", source)
        json.field("suggestions", suggestions)
        json.endObject()
        json.endObject()
        return json.text + "\n"
    }

    var response: Response {
        JSONResponse.make(body, status: status)
    }

    /// As a thrown `HTTPResponseError`, so that the metrics middleware counts its status.
    func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }
}
