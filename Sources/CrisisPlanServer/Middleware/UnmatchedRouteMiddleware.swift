import Hummingbird

/// A request no route matched asks for sign-in first, as any route but the open ones does:
/// a client that is not signed in cannot learn which routes exist (401, or the sign-in page),
/// and one that is gets 404. The user is noted for the audit record of the miss.
struct UnmatchedRouteMiddleware: RouterMiddleware {
    typealias Context = ServerContext
    let gate: SignInGate

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPError
            where (error.status == .notFound || error.status == .methodNotAllowed) && context.audit.current.surface == nil
        {
            let surface: RouteSurface = PageErrorMiddleware.isAPIPath(request.uri.path) ? .api : .pages
            // Under /cds-services only a record system's JWT is asked for: an unknown service is
            // 404 to a caller it admits.
            let access: RouteAccess = request.uri.path.hasPrefix("/cds-services/") ? .cdsClient : .signedIn
            switch await gate.admit(request, surface: surface, access: access, client: context.client) {
            case .admitted(let user):
                context.audit.update { $0.user = user }
                throw error
            case .admittedCaller(let caller):
                context.audit.update { $0.caller = caller }
                throw error
            case .refused(_, let refusal):
                return try refusal()
            }
        }
    }
}
