import Foundation
import Hummingbird

/// A CDS Hooks request body read as JSON: the fields a hook or feedback call must carry, each
/// missing or mistyped one a 400 that names it (CDS Hooks leaves error bodies to the service;
/// ours is the API's error shape).
struct CDSRequestBody {
    static let limit = 1 << 20
    let object: [String: Any]

    init(_ request: Request) async throws {
        let body = try await JSONBody.read(request, limit: Self.limit, what: "observations are")
        guard let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] else {
            throw Self.bad("the body must be a JSON object")
        }
        self.object = object
    }

    init(object: [String: Any]) { self.object = object }

    /// A string field, required.
    func text(_ key: String, in object: [String: Any]? = nil, path: String? = nil) throws -> String {
        guard let value = (object ?? self.object)[key] as? String, !value.isEmpty else {
            throw Self.bad("'\(path ?? key)' is missing or not a string")
        }
        return value
    }

    static func bad(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "bad-hook-request", message: "error: " + message, source: nil)
    }
}
