/// Who may call a route. Declared beside the route where it is registered (`RouteTable`), and
/// nowhere else: a route cannot be registered without one, so none can be exposed by
/// forgetting a line.
enum RouteAccess: Sendable, Equatable {
    /// No sign-in: health, readiness, the API document, sign-in itself, static assets.
    /// These routes carry no plan content.
    case open
    /// Any signed-in user.
    case signedIn
    /// These roles, and `admin`, which may do everything.
    case roles(Set<Role>)
    /// A record system named by `--cds-client`, with a JWT it signed for this call; no user's
    /// token, and no role, opens these routes.
    case cdsClient

    func allows(_ role: Role) -> Bool {
        switch self {
        case .open, .signedIn: true
        case .roles(let roles): role == .admin || roles.contains(role)
        case .cdsClient: false
        }
    }

    /// The roles that may, for messages: "crisis or admin".
    var roleNames: String? {
        guard case .roles(let roles) = self else { return nil }
        return Role.allCases.filter { roles.contains($0) || $0 == .admin }.map(\.rawValue).joined(separator: " or ")
    }

    // The access of the routes that pages link to, shared by the table and the links.
    static let findPeople = RouteAccess.roles([.crisis])
    static let readPlan = RouteAccess.roles([.crisis, .trainer])
    static let answer = RouteAccess.roles([.crisis])
    static let training = RouteAccess.roles([.trainer])
    static let governance = RouteAccess.roles([.governance])
    static let admin = RouteAccess.roles([.admin])
}
