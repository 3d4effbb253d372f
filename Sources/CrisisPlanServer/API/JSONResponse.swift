import HTTPTypes
import Hummingbird

/// A response holding JSON text already written (every body is written by `JSONWriter`, in
/// SPEC's key order, not by an encoder that may reorder keys).
enum JSONResponse {
    static func make(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let rulesVersion = HTTPField.Name("X-Rules-Version")!
}
