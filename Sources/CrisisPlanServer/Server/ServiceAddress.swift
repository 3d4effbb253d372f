import Hummingbird

/// Where people and record systems reach the service: `--public-url` when given (it must be,
/// behind a proxy), else the scheme served and the host the request named. Card links and a
/// CDS Hooks JWT's expected `aud` are made from it.
struct ServiceAddress: Sendable {
    var publicURL: String?
    var scheme: String

    /// `https://crisis.example.org`, without a trailing slash.
    func base(_ request: Request) -> String {
        if let publicURL { return publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL }
        return scheme + "://" + (request.head.authority ?? "localhost")
    }
}
