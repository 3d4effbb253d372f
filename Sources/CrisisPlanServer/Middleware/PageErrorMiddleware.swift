import Hummingbird

/// A page's error shown as a page, with a way on: the browser never gets JSON. An unknown
/// person's page suggests the closest people; an expired form says to reload it. A request
/// that matched no route is a page's when its path is not the API's.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let pages: PageRenderer
    let tokens: TokenService

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let surface = context.audit.current.surface ?? (Self.isAPIPath(request.uri.path) ? .api : .pages)
            guard surface == .pages else { throw error }
            return page(for: error, frame: PageFrame(context.audit.current.user, tokens: tokens), context: context)
        }
    }

    private func page(for error: any Error, frame: PageFrame, context: ServerContext) -> Response {
        do {
            throw error
        } catch let error as APIError {
            return pages.message(
                error.status == .notFound ? "No one found" : "This page cannot be shown",
                [error.message.replacingOccurrences(of: "error: ", with: "")],
                links: error.suggestions.map { PageLink(href: "/people/\($0)", label: "Did you mean \($0)?") }
                    + [PageLink(href: "/", label: "Back to the start")],
                frame: frame, status: error.status)
        } catch PageError.forbidden(let reason) {
            return pages.message(
                "This form could not be used", [reason], links: [PageLink(href: "/", label: "Back to the start")],
                frame: frame, status: .forbidden)
        } catch let error as HTTPError where error.status == .notFound || error.status == .methodNotAllowed {
            return pages.message(
                "Page not found", ["There is no page at this address."], links: [PageLink(href: "/", label: "Back to the start")],
                frame: frame, status: error.status)
        } catch {
            // Anything else: the status the API would give, and never the error's own text.
            let status = APIErrorMiddleware<ServerContext>.response(for: error, context: context).status
            return pages.message(
                "This page cannot be shown",
                [status.code < 500 ? "The request could not be read. Go back and try again." : "Something went wrong; it is logged. Go back and try again."],
                links: [PageLink(href: "/", label: "Back to the start")], frame: frame, status: status)
        }
    }

    /// The API's paths, judged on segments as the router splits them (so `//v1/…` is the API).
    static func isAPIPath(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        guard let first = segments.first else { return false }
        return first == "v1" || first == "cds-services"
            || (segments.count == 1 && ["healthz", "readyz", "metrics", "openapi.yaml"].contains(first))
    }
}
