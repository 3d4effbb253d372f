import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import Mustache

/// The pages' templates (`Resources/pages/*.mustache`), loaded once at start, and the one
/// stylesheet. Every value is HTML-escaped by Mustache; no template holds a script.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: String

    static func load() async throws(StartFailure) -> PageRenderer {
        guard let folder = Bundle.module.url(forResource: "pages", withExtension: nil),
            let stylesheet = try? String(contentsOf: folder.appendingPathComponent("crisisplan.css"), encoding: .utf8)
        else { throw StartFailure(message: "error: the page templates are missing from the server's resources") }
        do {
            return PageRenderer(library: try await MustacheLibrary(directory: folder.path), stylesheet: stylesheet)
        } catch {
            throw StartFailure(message: "error: a page template does not parse: \(error)")
        }
    }

    static let timerLabel = "crisisplan_page_render_seconds"

    /// A whole page as an HTML response; the time to render it is in `/metrics` by template.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let started = ContinuousClock.now
        let html = library.render(model, withTemplate: template) ?? "<!doctype html><title>crisisplan</title><p>Page missing."
        Metrics.Timer(label: Self.timerLabel, dimensions: [("page", template)]).record(duration: ContinuousClock.now - started)
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// A short page: a heading, some lines, some links (errors, sign-out, forbidden).
    func message(
        _ heading: String, _ lines: [String], links: [PageLink] = [], frame: PageFrame, status: HTTPResponse.Status
    ) -> Response {
        page("message", MessagePage(frame: frame, heading: heading, lines: lines, links: links), status: status)
    }
}

/// A link in the bar or on a page.
struct PageLink: Sendable {
    var href: String
    var label: String
}

/// What every page shows around its content: who is signed in, their links, and the CSRF
/// token their forms carry.
struct PageFrame: Sendable {
    struct User: Sendable {
        var id: String
        var role: String
    }
    var user: User?
    var csrf: String
    var links: [PageLink]

    static let signedOut = PageFrame(user: nil, csrf: "", links: [])

    init(user: User?, csrf: String, links: [PageLink]) {
        self.user = user
        self.csrf = csrf
        self.links = links
    }

    init(_ user: SignedInUser?, tokens: TokenService) {
        guard let user else {
            self = .signedOut
            return
        }
        self.user = User(id: user.id, role: user.role.rawValue)
        csrf = user.tokenID.map(tokens.csrfToken(forTokenID:)) ?? ""
        var links: [PageLink] = []
        if AccessPolicy.access(.get, "/people").allows(user.role) { links.append(PageLink(href: "/people", label: "Find a person")) }
        if AccessPolicy.access(.get, "/training").allows(user.role) { links.append(PageLink(href: "/training", label: "Training")) }
        self.links = links
    }
}

struct MessagePage: Sendable {
    var frame: PageFrame
    var heading: String
    var lines: [String]
    var links: [PageLink]
}
