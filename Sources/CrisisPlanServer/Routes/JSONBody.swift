import Hummingbird
import NIOCore

/// A route's JSON request body, read to the route's limit. A body that says it is another
/// type is refused (415) before it is read: a form or plain text is what a page on another
/// site can make a browser send without asking first, so a route that took it could be driven
/// from anywhere (signing a name in until it locks out). A body with no type is refused too: a
/// page on another site can send one without asking first as well. No body at all (a reload
/// that names no one to confirm) needs no type.
enum JSONBody {
    /// `what` names the body in the 413's message: "observations are", "a sign-in is".
    static func read(_ request: Request, limit: Int, what: String) async throws -> ByteBuffer {
        if let type = request.headers[.contentType] {
            guard RespondRoute.isJSON(type) else { throw APIError.notJSON }
        } else if request.headers[.transferEncoding] != nil || (request.headers[.contentLength].flatMap(Int.init) ?? 0) > 0 {
            throw APIError.notJSON
        }
        // Refused before it is read when the length says so; otherwise read to the limit only.
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw APIError.tooLarge(limit: limit, what: what)
        }
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.tooLarge(limit: limit, what: what)
        }
    }
}
