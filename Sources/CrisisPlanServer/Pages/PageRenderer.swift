import CrisisPlan
import Foundation
import HTTPTypes
import Hummingbird
import Metrics
import Mustache
import Synchronization

/// An `Optional` seen through `Any`.
protocol OptionalValue {
    var wrapped: Any? { get }
}

extension Optional: OptionalValue {
    var wrapped: Any? { self.map { $0 as Any } }
}

/// The pages' templates (`Resources/pages/*.mustache`), loaded once at start, and the one
/// stylesheet. Every value is HTML-escaped by Mustache; no template holds a script.
struct PageRenderer: Sendable {
    let library: MustacheLibrary
    let stylesheet: String
    private let cache = RenderedPages()

    init(library: MustacheLibrary, stylesheet: String) {
        self.library = library
        self.stylesheet = stylesheet
    }

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
    static let renderTimers = MetricsByValue { Metrics.Timer(label: timerLabel, dimensions: [("page", $0)]) }

    /// A whole page as an HTML response; the time to render it is in `/metrics` by template.
    func page(_ template: String, _ model: Any, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let started = ContinuousClock.now
        let html =
            library.render(Self.tree(model), withTemplate: template)
            ?? "<!doctype html><title>crisisplan</title><p>Page missing."
        Self.renderTimers[template].record(duration: ContinuousClock.now - started)
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// The model as dictionaries and arrays, read once: Mustache looks a name up in a
    /// dictionary directly, where for a struct it reflects on it again at every lookup and
    /// every level of the context (which made a person's page take 5-10 ms to render).
    /// A `nil` leaves its key out, so that a section on it is false.
    static func tree(_ value: Any) -> Any {
        switch value {
        case let text as String: return text
        case let flag as Bool: return flag
        case let number as Int: return number
        default: break
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct, .class:
            var members: [String: Any] = [:]
            members.reserveCapacity(mirror.children.count)
            for child in mirror.children {
                guard let label = child.label else { continue }
                if let optional = child.value as? any OptionalValue {
                    guard let wrapped = optional.wrapped else { continue }
                    members[label] = tree(wrapped)
                } else {
                    members[label] = tree(child.value)
                }
            }
            return members
        case .collection:
            return mirror.children.map { tree($0.value) }
        case .optional:
            return mirror.children.first.map { tree($0.value) } as Any
        default:
            return value
        }
    }

    /// A page that is the same for everyone who may see it (a person's page, for one library
    /// version and day), rendered once with placeholders for who is signed in and their CSRF
    /// token, which are put in per request.
    func cachedPage(_ template: String, key: String, frame: PageFrame, model: (PageFrame) -> Any) -> Response {
        let started = ContinuousClock.now
        let cacheKey = template + "|" + key + "|" + frame.links.map(\.href).joined(separator: ",")
        let pieces: [Piece]
        if let cached = cache.pages.withLock({ $0[cacheKey] }) {
            pieces = cached
        } else {
            var placeholder = frame
            placeholder.csrf = Piece.csrf.placeholder
            placeholder.user = frame.user.map { _ in PageFrame.User(id: Piece.user.placeholder, role: Piece.role.placeholder) }
            pieces = Piece.split(library.render(Self.tree(model(placeholder)), withTemplate: template) ?? "")
            cache.pages.withLock { cache in
                if cache.count >= 1000 { cache.removeAll() }
                cache[cacheKey] = pieces
            }
        }
        var buffer = ByteBuffer()
        for piece in pieces {
            switch piece {
            case .text(let text): buffer.writeString(text)
            case .csrf: buffer.writeString(frame.csrf)
            case .user: buffer.writeString(MarkupEscaping.escape(frame.user?.id ?? ""))
            case .role: buffer.writeString(frame.user?.role ?? "")
            }
        }
        Self.renderTimers[template].record(duration: ContinuousClock.now - started)
        return Response(
            status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: buffer))
    }

    /// A cached page: text, and the places where the signed-in user's values go.
    enum Piece: Sendable {
        case text(String)
        case csrf, user, role

        /// Random for each run of the server, so no plan text can hold a placeholder and have
        /// the viewer's CSRF token or name put in its place: page text is expanded once.
        static let nonce = (0..<4).map { _ in String(UInt32.random(in: .min ... .max), radix: 16) }.joined()

        var placeholder: String {
            switch self {
            case .text(let text): text
            case .csrf: "\u{1}csrf-\(Self.nonce)\u{1}"
            case .user: "\u{1}user-\(Self.nonce)\u{1}"
            case .role: "\u{1}role-\(Self.nonce)\u{1}"
            }
        }

        /// The page cut at each placeholder (done once, when the page is first rendered).
        static func split(_ html: String) -> [Piece] {
            var pieces: [Piece] = [.text(html)]
            for marker in [Piece.csrf, .user, .role] {
                pieces = pieces.flatMap { piece -> [Piece] in
                    guard case .text(let text) = piece else { return [piece] }
                    let parts = text.components(separatedBy: marker.placeholder)
                    return parts.enumerated().flatMap { index, part in index == 0 ? [.text(part)] : [marker, .text(part)] }
                }
            }
            return pieces
        }
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
        /// The name colleagues know, else the id.
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
        self.user = User(id: user.name ?? user.id, role: user.role.rawValue)
        csrf = user.tokenID.map { tokens.csrfToken(forTokenID: $0, user: user.id) } ?? ""
        var links: [PageLink] = []
        if RouteAccess.findPeople.allows(user.role) { links.append(PageLink(href: "/people", label: "Find a person")) }
        if RouteAccess.governance.allows(user.role) {
            links.append(PageLink(href: "/governance/audit", label: "Audit log"))
            links.append(PageLink(href: "/governance/checks", label: "Checks"))
            links.append(PageLink(href: "/governance/follow-through", label: "Follow-through"))
        }
        if RouteAccess.training.allows(user.role) { links.append(PageLink(href: "/training", label: "Training")) }
        self.links = links
    }
}

struct MessagePage: Sendable {
    var frame: PageFrame
    var heading: String
    var lines: [String]
    var links: [PageLink]
}

/// Pages rendered once per library version, by template and key (`cachedPage`).
final class RenderedPages: Sendable {
    let pages = Mutex<[String: [PageRenderer.Piece]]>([:])
}
