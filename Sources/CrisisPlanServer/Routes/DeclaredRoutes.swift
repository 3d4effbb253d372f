import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// A router group whose only way to add a route takes its access and its audit action: the
/// sign-in and the role are checked here, before the handler runs, and the action is handed to
/// the audit record. There is no other way to reach the router, so a route without a declared
/// access cannot exist (fail closed).
struct DeclaredRoutes {
    typealias Handler = @Sendable (Request, ServerContext) async throws -> Response

    let group: RouterGroup<ServerContext>
    let surface: RouteSurface
    let gate: SignInGate
    let table: RouteList

    /// Registers `handler` for `method path`, callable by `access`, audited as `audit` (nil:
    /// not audited — only for routes that carry nothing about a person or a user).
    func on(
        _ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess, audit: String?,
        use handler: @escaping Handler
    ) {
        table.add(RouteList.Entry(method: method, path: path, surface: surface, access: access, audit: audit))
        let gate = gate
        let surface = surface
        group.on(RouterPath(path), method: method) { request, context in
            context.audit.update { note in
                note.action = audit
                note.surface = surface
            }
            guard access != .open else { return try await handler(request, context) }
            var context = context
            switch await gate.admit(request, surface: surface, access: access, client: context.client) {
            case .admitted(let user):
                context.user = user
                context.audit.update { $0.user = user }
                return try await handler(request, context)
            case .admittedCaller(let caller):
                context.audit.update { $0.caller = caller }
                return try await handler(request, context)
            case .refused(let user, let response):
                if let user { context.audit.update { $0.user = user } }
                return try response()
            }
        }
    }

    func get(_ path: String, _ access: RouteAccess, audit: String?, use handler: @escaping Handler) {
        on(.get, path, access, audit: audit, use: handler)
    }

    func post(_ path: String, _ access: RouteAccess, audit: String?, use handler: @escaping Handler) {
        on(.post, path, access, audit: audit, use: handler)
    }
}

/// Every route as declared, for the role-matrix tests and the start-up check against the
/// OpenAPI document.
final class RouteList: Sendable {
    struct Entry: Sendable, Equatable {
        var method: HTTPRequest.Method
        var path: String
        var surface: RouteSurface
        var access: RouteAccess
        var audit: String?
    }
    private let entries = Mutex<[Entry]>([])

    func add(_ entry: Entry) { entries.withLock { $0.append(entry) } }
    var all: [Entry] { entries.withLock { $0 } }
}
