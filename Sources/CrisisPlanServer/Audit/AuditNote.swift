import Synchronization

/// What a route learned that its audit record must say — the person it served, the
/// observations given, the answer's stage and flags — handed back to `AuditMiddleware`,
/// which writes the record after the route returns and before the answer is sent.
final class AuditNote: Sendable {
    struct Details: Sendable {
        /// The route's declared action; nil when no route matched or it is not audited.
        var action: String?
        /// Which face of the service matched, so a failure to record shows as a page on pages.
        var surface: RouteSurface?
        var user: SignedInUser?
        /// A record system calling a CDS Hooks route: not a user of ours, recorded as the user
        /// it names (`context.userId`) with the role `cds-client`.
        var caller: CDSCaller?
        /// The user name tried at sign-in, whether or not it exists.
        var attemptedUser: String?
        var person: String?
        var observation: CanonicalJSON?
        var stage: String?
        var flags: [String]?
        var rulesVersion: String?
        /// Recorded as they are, beside the fixed fields (see `AuditEvent.details`).
        var details: [String: CanonicalJSON] = [:]
    }
    private let details = Mutex(Details())

    func update(_ change: (inout Details) -> Void) { details.withLock { change(&$0) } }
    var current: Details { details.withLock { $0 } }
}
