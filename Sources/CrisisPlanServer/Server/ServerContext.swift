import Hummingbird
import NIOCore

/// The request context every route sees: who is asking (set where the route is declared, `DeclaredRoutes`), from
/// where, and the note its audit record is written from. Concrete, not generic, so the routes
/// are compiled for it.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The client's address, for lock-outs and the audit record: the peer, or who a trusted
    /// proxy says it is (`ForwardedForMiddleware`).
    var client: String
    var user: SignedInUser?
    let audit = AuditNote()

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        client = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }
}
