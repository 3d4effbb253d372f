import HTTPTypes

/// Who may use a route (SPEC v2 §9), in one table: the only place a role is checked, and
/// what the audit record calls the request.
enum AccessPolicy {
    enum Access: Sendable, Equatable {
        /// No sign-in: health, readiness, the API document, sign-in itself, static assets.
        case open
        /// Any signed-in user (unknown routes: the router then answers 404 or 405).
        case signedIn
        case roles(Set<Role>)

        /// `admin` may do everything.
        func allows(_ role: Role) -> Bool {
            switch self {
            case .open, .signedIn: true
            case .roles(let roles): role == .admin || roles.contains(role)
            }
        }
    }

    struct Rule: Sendable {
        var method: HTTPRequest.Method
        var pattern: [Substring]
        var access: Access
        /// The audit record's `action`; nil for a route that is not audited.
        var action: String?

        init(_ method: HTTPRequest.Method, _ pattern: String, _ access: Access, audit action: String? = nil) {
            self.method = method
            self.pattern = pattern.split(separator: "/")
            self.access = access
            self.action = action
        }

        func matches(_ method: HTTPRequest.Method, _ segments: [Substring]) -> Bool {
            method == self.method && segments.count == pattern.count
                && zip(pattern, segments).allSatisfy { $0 == "*" || $0 == $1 }
        }
    }

    static let rules: [Rule] = [
        Rule(.get, "/healthz", .open),
        Rule(.get, "/readyz", .open),
        Rule(.get, "/openapi.yaml", .open),
        Rule(.post, "/v1/login", .open, audit: "sign-in"),
        Rule(.get, "/metrics", .roles([.admin])),
        Rule(.get, "/v1/people", .roles([.crisis]), audit: "people.search"),
        Rule(.get, "/v1/people/*", .roles([.crisis, .trainer]), audit: "people.read"),
        Rule(.post, "/v1/people/*/respond", .roles([.crisis]), audit: "people.respond"),
        Rule(.post, "/v1/admin/reload", .roles([.admin]), audit: "admin.reload"),
        Rule(.get, "/v1/audit", .roles([.governance]), audit: "audit.read"),
        Rule(.get, "/v1/checks", .roles([.governance])),
        // The pages.
        Rule(.get, "/", .signedIn),
        Rule(.get, "/login", .open),
        Rule(.post, "/login", .open, audit: "sign-in"),
        Rule(.post, "/logout", .signedIn),
        Rule(.get, "/static/crisisplan.css", .open),
        Rule(.get, "/favicon.ico", .open),
        Rule(.get, "/people", .roles([.crisis]), audit: "page.search"),
        Rule(.get, "/people/*", .roles([.crisis, .trainer]), audit: "page.person"),
        Rule(.get, "/people/*/print", .roles([.crisis, .trainer]), audit: "page.print"),
        Rule(.get, "/people/*/print.css", .roles([.crisis, .trainer])),
        Rule(.post, "/people/*/answer", .roles([.crisis]), audit: "page.answer"),
        Rule(.get, "/training", .roles([.trainer])),
        Rule(.get, "/training/*", .roles([.trainer]), audit: "page.training"),
        Rule(.post, "/training/*", .roles([.trainer]), audit: "page.training"),
    ]

    /// Paths whose every request is audited, matched or not (SPEC v2 §9).
    static let auditedPrefixes = ["/v1/people", "/v1/admin", "/v1/audit", "/v1/login", "/people", "/training"]

    /// A path for a browser: an HTML page, or a redirect to sign in, never JSON.
    /// Judged on the path's segments, as the router and the rules split it, so `//v1/…` is
    /// the API too (and the session cookie never reaches it).
    static func isPage(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        guard let first = segments.first else { return true }
        return !(first == "v1" || (segments.count == 1 && ["healthz", "readyz", "metrics", "openapi.yaml"].contains(first)))
    }

    static func rule(_ method: HTTPRequest.Method, _ path: String) -> Rule? {
        let segments = path.split(separator: "/")
        return rules.first { $0.matches(method, segments) }
    }

    static func access(_ method: HTTPRequest.Method, _ path: String) -> Access {
        rule(method, path)?.access ?? .signedIn
    }

    /// The audit action for a request, or nil when it is not audited.
    static func auditAction(_ method: HTTPRequest.Method, _ path: String) -> String? {
        if let action = rule(method, path)?.action { return action }
        let segments = path.split(separator: "/")
        let audited = auditedPrefixes.contains { prefix in
            let wanted = prefix.split(separator: "/")
            return segments.count >= wanted.count && Array(segments.prefix(wanted.count)) == wanted
        }
        return audited ? "other" : nil
    }
}
