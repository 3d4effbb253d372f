import Hummingbird

/// A page's error shown as a page, with a way on: the browser never gets JSON. An unknown
/// person's page suggests the closest people; an expired form says to reload it.
struct PageErrorMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let pages: PageRenderer
    let tokens: TokenService

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        guard AccessPolicy.isPage(request.uri.path) else { return try await next(request, context) }
        let frame = PageFrame(context.user, tokens: tokens)
        do {
            return try await next(request, context)
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
        }
    }
}
