import CrisisPlan
import Crypto
import Foundation
import Hummingbird

/// A form a worker posted after their session ran out — at 3 a.m., the signs ticked and the
/// questions answered — is not lost: its choices are kept in a cookie, sealed (AES-GCM under a
/// key derived from the token key, so it can be neither read nor forged), for at most 10
/// minutes, and put back on the form once they have signed in again, to check and send.
///
/// Only a post carrying a CSRF token this server made is kept, and it is put back only for
/// the user the token was made for: a form posted from another site (which arrives signed
/// out) is never kept to be put before a worker who then signs in.
///
/// The whole post is kept: the choices (signs, facts, capacity), the
/// observations so far that the answer page carries (`history` — without them a person named
/// as causing harm earlier would be back on the route), a pasted document, or what the worker
/// said they did; only for a page of this server, and only when it all fits a cookie — never
/// a part of it.
struct FormReplay: Sendable {
    static let cookie = "crisisplan_replay"
    static let lifetime: Int64 = 600
    /// A cookie's value must stay well under the 4 KB browsers keep.
    static let limit = 3_500

    let key: SymmetricKey
    let secure: Bool

    struct Saved: Sendable, Equatable {
        /// The path the form was posted to.
        var path: String
        /// The form's choices, `application/x-www-form-urlencoded`, its CSRF token among them.
        var body: String
    }

    /// The page a form posted to `path` is put back on — the person's page, for the answer
    /// form and for "What did you do?"; the scenario's page, for a trainee's answer — or nil
    /// when it is not a form we put back.
    static func formPage(for path: String) -> String? {
        let segments = path.split(separator: "/")
        if segments.count == 2, segments[0] == "training", Int(segments[1]) != nil { return path }
        guard segments.count == 3, segments[0] == "people", ["answer", "feedback"].contains(segments[2]) else { return nil }
        return "/people/\(segments[1])"
    }

    /// The `Set-Cookie` keeping the choices of `body` posted to `path`, or nil when there is
    /// nothing to keep or it does not fit.
    func keep(path: String, body: String, now: Timestamp) -> String? {
        let form = PageForm(urlencoded: body)
        let kept = form.fields
        guard Self.formPage(for: path) != nil, form.value("csrf").map({ !$0.isEmpty }) == true,
            kept.contains(where: { $0.name != "csrf" && !$0.value.isEmpty })
        else { return nil }
        var components = URLComponents()
        components.queryItems = kept.map { URLQueryItem(name: $0.name, value: $0.value) }
        let choices = components.percentEncodedQuery ?? ""
        let plain = Data("\(now.seconds + Self.lifetime)\n\(path)\n\(choices)".utf8)
        guard let sealed = try? AES.GCM.seal(plain, using: key).combined else { return nil }
        let value = Base64URL.encode(sealed)
        guard value.utf8.count <= Self.limit else { return nil }
        return "\(Self.cookie)=\(value); Path=/; Max-Age=\(Self.lifetime); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The choices kept in the request's cookie, if any, unexpired, unforged, and posted from a
    /// page made for the user now signed in.
    func saved(in request: Request, for user: SignedInUser?, tokens: TokenService, now: Timestamp) -> Saved? {
        guard let user, let saved = sealed(in: request, now: now),
            let csrf = PageForm(urlencoded: saved.body).value("csrf"), tokens.isCSRF(csrf, issuedTo: user.id)
        else { return nil }
        return saved
    }

    private func sealed(in request: Request, now: Timestamp) -> Saved? {
        guard let text = SessionCookie.value(Self.cookie, in: request), text.utf8.count <= Self.limit + 100 else {
            return nil
        }
        guard let data = Base64URL.decode(text), let box = try? AES.GCM.SealedBox(combined: data),
            let plain = try? AES.GCM.open(box, using: key)
        else { return nil }
        let parts = String(decoding: plain, as: UTF8.self).split(separator: "\n", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let expires = Int64(parts[0]), expires >= now.seconds else { return nil }
        return Saved(path: String(parts[1]), body: String(parts[2]))
    }

    /// Ends the cookie once its choices are back on the form.
    var clear: String {
        "\(Self.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }
}
