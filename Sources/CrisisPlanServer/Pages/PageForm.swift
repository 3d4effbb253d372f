import Foundation
import Hummingbird

/// A submitted page form (`application/x-www-form-urlencoded`), read to 1 MiB, with its CSRF
/// token checked against the session's before any field is used.
struct PageForm: Sendable {
    private(set) var fields: [(name: String, value: String)] = []


    static let limit = 1 << 20

    func value(_ name: String) -> String? { fields.first { $0.name == name }?.value }
    func values(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    /// Fields whose names start with `prefix`, the prefix dropped (`fact.risk` → `risk`).
    func prefixed(_ prefix: String) -> [(name: String, value: String)] {
        fields.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.value) }
    }

    init(urlencoded text: String) {
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields.append((decode(parts[0]), parts.count > 1 ? decode(parts[1]) : ""))
        }
    }

    /// A form sent by GET: the query, decoded as a form body is ("+" is a space).
    init(query request: Request) {
        self.init(urlencoded: request.uri.query ?? "")
    }

    /// Reads the form; a missing or wrong CSRF token is a 403 page, whatever else was sent.
    static func read(_ request: Request, context: ServerContext, tokens: TokenService) async throws -> PageForm {
        var request = request
        let body = try await request.collectBody(upTo: limit)
        let form = PageForm(urlencoded: String(decoding: body.readableBytesView, as: UTF8.self))
        guard let user = context.user, let tokenID = user.tokenID, let csrf = form.value("csrf"),
            tokens.isValidCSRF(csrf, forTokenID: tokenID, user: user.id)
        else { throw PageError.forbidden("This form has expired or did not come from crisisplan. Go back, reload the page and try again.") }
        return form
    }
}

/// A page route's error, shown as a page (never JSON) with a way on.
enum PageError: Error {
    case forbidden(String)
}

/// The session cookie: the same signed token as a bearer token, `HttpOnly` (no script can
/// read it), `SameSite=Strict` (no other site's page can send it), `Secure` under TLS.
enum SessionCookie {
    static let name = "crisisplan_session"
    static let loginName = "crisisplan_login"

    static func set(_ token: String, secure: Bool) -> String {
        "\(name)=\(token); Path=/; Max-Age=43200; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    static func clear(secure: Bool) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The value of cookie `name`, as Hummingbird reads the `Cookie` headers.
    static func value(_ name: String, in request: Request) -> String? {
        request.cookies[name]?.value
    }
}
