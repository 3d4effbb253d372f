/// Who is asking: a user of the users file holding one of our tokens, or someone the
/// organisation's identity provider vouched for (`--jwks`).
struct SignedInUser: Sendable, Equatable {
    var id: String
    var role: Role
    /// The token's own id: a page's CSRF token is bound to it.
    var tokenID: String?
    /// As colleagues know them (the users file's name), for the pages' header.
    var name: String? = nil
}
