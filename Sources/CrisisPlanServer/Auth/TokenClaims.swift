import Foundation
import JWTKit

/// The claims of a token this server issues: a bearer token from `POST /v1/login`, or a page
/// session cookie. HS256 with the token key, issuer `crisisplan`, valid 12 hours.
struct TokenClaims: JWTPayload {
    static let issuer = "crisisplan"
    static let lifetime: TimeInterval = 12 * 60 * 60

    var sub: SubjectClaim
    var role: String
    var iss: IssuerClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var jti: IDClaim
    /// The user's epoch when issued: a token from before a password or role change, or from
    /// a user since removed and added again, no longer matches.
    var epoch: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        guard iss.value == Self.issuer else { throw JWTError.claimVerificationFailure(failedClaim: iss, reason: "issuer") }
    }
}

/// The claims read from the organisation's identity provider's JWT (`--jwks`): the user from
/// `sub`, the role from `role`; `exp` required, `nbf` when present, `iss` and `aud` checked
/// by `TokenService` when configured.
struct IdentityProviderClaims: JWTPayload {
    var sub: SubjectClaim
    var exp: ExpirationClaim
    var nbf: NotBeforeClaim?
    var iss: IssuerClaim?
    var aud: AudienceClaim?
    var role: String?

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired()
        try nbf?.verifyNotBefore()
    }
}
