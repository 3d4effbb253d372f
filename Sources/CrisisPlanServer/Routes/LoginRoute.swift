import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird

/// `POST /v1/login` `{"user", "password"}` → `{"token", "expires_at"}` (SPEC v2 §9): a bearer
/// token valid 12 hours. A wrong name and a wrong password get the same answer in the same
/// time; the fifth failure for one name from one address in 15 minutes locks it out (429).
struct LoginRoute: Sendable {
    static let bodyLimit = 16 * 1024
    let signIn: SignIn

    @Sendable func login(_ request: Request, _ context: ServerContext) async throws -> Response {
        let body = try await JSONBody.read(request, limit: Self.bodyLimit, what: "a sign-in is")
        let (name, password) = try Self.credentials(Data(body.readableBytesView))
        let signedIn = try await signIn.attempt(user: name, password: password, context: context)
        var json = JSONWriter()
        json.beginObject()
        json.field("token", signedIn.token)
        json.field("expires_at", Timestamp(seconds: Int64(signedIn.expires.timeIntervalSince1970)).description)
        json.field("user", signedIn.account.id)
        json.field("role", signedIn.account.role.rawValue)
        json.endObject()
        return JSONResponse.make(json)
    }

    /// The user name and password from the body; the password is never echoed in an error.
    static func credentials(_ body: Data) throws -> (String, String) {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw APIError(
                status: .badRequest, code: "bad-input",
                message: "error: the body must be a JSON object {\"user\": \"…\", \"password\": \"…\"}", source: nil)
        }
        guard let user = object["user"] as? String, !user.isEmpty, user.utf8.count <= 256 else {
            throw APIError(
                status: .badRequest, code: "bad-input", message: "error: \"user\" must be a user name (text, at most 256 bytes)",
                source: nil)
        }
        guard let password = object["password"] as? String, !password.isEmpty, password.utf8.count <= 1024 else {
            throw APIError(
                status: .badRequest, code: "bad-input", message: "error: \"password\" must be text of at most 1024 bytes",
                source: nil)
        }
        return (user, password)
    }
}
