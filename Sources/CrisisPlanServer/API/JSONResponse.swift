import CrisisPlan
import HTTPTypes
import Hummingbird

/// A response holding JSON text already written (every body is written by `JSONWriter`, in
/// SPEC's key order, not by an encoder that may reorder keys).
enum JSONResponse {
    static func make(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        make(ByteBuffer(string: text), status: status, headers: headers)
    }

    /// A body `JSONWriter` wrote, and a newline, copied once into the response.
    static func make(_ json: JSONWriter, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(json.utf8.count + 1)
        buffer.writeBytes(json.utf8)
        buffer.writeInteger(UInt8(ascii: "\n"))
        return make(buffer, status: status, headers: headers)
    }

    private static func make(_ body: ByteBuffer, status: HTTPResponse.Status, headers: HTTPFields) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: body))
    }
}

extension HTTPField.Name {
    static let requestID = HTTPField.Name("X-Request-Id")!
    static let rulesVersion = HTTPField.Name("X-Rules-Version")!
}
