import Hummingbird

/// The request context every route sees. Concrete, not generic, so the routes are compiled
/// for it (a generic route paid for metadata lookups on every request); sign-in will give it
/// the signed-in user.
typealias ServerContext = BasicRequestContext
