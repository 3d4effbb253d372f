import CrisisPlan
import Crypto
import Foundation
import JWTKit
import Synchronization

/// Issues this server's tokens and checks every token a request carries.
///
/// Two key collections, never one: tokens this server signed (HS256, the token key) and the
/// identity provider's (RS256 or ES256 from `--jwks`, symmetric keys dropped). A token is sent
/// to one collection by its header's `alg` alone, so an RSA public key can never be used as an
/// HMAC secret, and `alg: none` or any other algorithm is refused before anything is verified.
final class TokenService: Sendable {
    private let own: JWTKeyCollection
    private let provider: PublicKeySet?
    private let providerIssuer: String?
    private let providerAudience: String?
    private let key: TokenKey
    private static let ownKeyID = "crisisplan"

    /// Tokens already verified, until they expire: a worker's every request carries the same
    /// token, and its signature need not be checked again each time. Bounded; the account is
    /// still looked up on every request, so a removed user is refused all the same.
    private struct Verified: Sendable {
        var subject: String
        /// Nil for our own tokens (the role comes from the users file).
        var role: Role?
        var tokenID: String?
        var epoch: String?
        var expires: Int64
    }
    private let verified = Mutex<[String: Verified]>([:])
    private static let cacheLimit = 10_000
    /// The ids of tokens whose session was signed out, with when each would have expired: a
    /// copied cookie opens nothing after sign-out. Kept by this instance (see docs/security.md).
    private let ended = Mutex<[String: Int64]>([:])

    private init(key: TokenKey, own: JWTKeyCollection, provider: PublicKeySet?, issuer: String?, audience: String?) {
        self.key = key
        self.own = own
        self.provider = provider
        self.providerIssuer = issuer
        self.providerAudience = audience
    }

    static func make(key: TokenKey, jwks: String?, issuer: String?, audience: String?) async throws(StartFailure)
        -> TokenService
    {
        let own = JWTKeyCollection()
        await own.add(hmac: HMACKey(key: key.key), digestAlgorithm: .sha256, kid: JWKIdentifier(string: ownKeyID))
        var provider: PublicKeySet?
        if let jwks {
            provider = try await Self.providerKeys(jwks)
        }
        return TokenService(key: key, own: own, provider: provider, issuer: issuer, audience: audience)
    }

    /// The identity provider's public keys: RSA and EC keys with an id; anything else dropped.
    static func providerKeys(_ path: String) async throws(StartFailure) -> PublicKeySet {
        guard let data = FileManager.default.contents(atPath: path),
            let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let keys = document["keys"] as? [[String: Any]]
        else {
            throw StartFailure(message: "error: \(path) is not a JSON Web Key Set (a JSON object with \"keys\")")
        }
        let usable = keys.filter { ["RSA", "EC"].contains($0["kty"] as? String ?? "") && $0["kid"] is String }
        guard !usable.isEmpty else {
            throw StartFailure(message: "error: \(path) holds no RSA or EC key with a \"kid\"; symmetric keys are not accepted")
        }
        let collection = JWTKeyCollection()
        do {
            let json = try JSONSerialization.data(withJSONObject: ["keys": usable])
            try await collection.add(jwksJSON: String(decoding: json, as: UTF8.self))
        } catch {
            throw StartFailure(message: "error: \(path): a key could not be read: \(error)")
        }
        return PublicKeySet(keys: collection, ids: Set(usable.compactMap { $0["kid"] as? String }))
    }

    /// A bearer token (or session cookie) for `account`, valid 12 hours.
    func issue(for account: UserAccount, now: Date = Date()) async throws -> (token: String, expires: Date) {
        let expires = now.addingTimeInterval(TokenClaims.lifetime)
        let claims = TokenClaims(
            sub: SubjectClaim(value: account.id), role: account.role.rawValue, iss: IssuerClaim(value: TokenClaims.issuer),
            iat: IssuedAtClaim(value: now), exp: ExpirationClaim(value: expires),
            jti: IDClaim(value: UUID().uuidString.lowercased()), epoch: account.epoch)
        let token = try await own.sign(claims, kid: JWKIdentifier(string: Self.ownKeyID))
        return (token, expires)
    }

    /// The user a token stands for, or nil: a bad signature, an expired token, a removed
    /// user, an unknown role or an algorithm other than HS256 (ours), RS256 or ES256 (theirs).
    func verify(_ token: String, users: UserDirectory) async -> SignedInUser? {
        let now = Timestamp.now().seconds
        if let known = verified.withLock({ $0[token] }), known.expires > now {
            guard let role = known.role else {
                guard let account = users.account(known.subject), account.epoch == known.epoch ?? "",
                    !hasEnded(known.tokenID)
                else { return nil }
                return SignedInUser(id: account.id, role: account.role, tokenID: known.tokenID, name: account.name)
            }
            return SignedInUser(id: known.subject, role: role, tokenID: nil)
        }
        guard let (user, epoch, expires) = await verifySignature(token, users: users), !hasEnded(user.tokenID) else {
            return nil
        }
        verified.withLock { cache in
            if cache.count >= Self.cacheLimit { cache.removeAll() }
            cache[token] = Verified(
                subject: user.id, role: user.tokenID == nil ? user.role : nil, tokenID: user.tokenID, epoch: epoch,
                expires: expires)
        }
        return user
    }

    private func verifySignature(_ token: String, users: UserDirectory) async -> (SignedInUser, String?, Int64)? {
        guard token.utf8.count <= 8192, let header = Self.header(token) else { return nil }
        switch header.alg {
        case "HS256" where header.kid == Self.ownKeyID:
            guard let claims = try? await own.verify(token, as: TokenClaims.self),
                let account = users.account(claims.sub.value), account.epoch == claims.epoch ?? "",
                let expires = ClaimTime.seconds(claims.exp.value), ClaimTime.seconds(claims.iat.value) != nil
            else { return nil }
            return (
                SignedInUser(id: account.id, role: account.role, tokenID: claims.jti.value, name: account.name), claims.epoch,
                expires
            )
        case "RS256", "ES256":
            guard let provider, let claims = try? await provider.verify(token, as: IdentityProviderClaims.self),
                let role = claims.role.flatMap(Role.init(rawValue:)), !claims.sub.value.isEmpty,
                let expires = ClaimTime.seconds(claims.exp.value)
            else { return nil }
            if let providerIssuer, claims.iss?.value != providerIssuer { return nil }
            if let providerAudience, !(claims.aud?.value.contains(providerAudience) ?? false) { return nil }
            return (
                SignedInUser(id: claims.sub.value, role: role, tokenID: nil), nil, expires
            )
        default:
            return nil
        }
    }

    /// Ends the session of a token of ours (sign-out): from now on this instance refuses it,
    /// as a cookie and as a bearer token, until it would have expired anyway.
    func end(tokenID: String) {
        let now = Timestamp.now().seconds
        ended.withLock { ended in
            // Bounded by the sessions a lifetime holds: those past their expiry go first.
            if ended.count >= Self.cacheLimit { ended = ended.filter { $0.value > now } }
            ended[tokenID] = now + Int64(TokenClaims.lifetime)
        }
        verified.withLock { cache in cache = cache.filter { $0.value.tokenID != tokenID } }
    }

    private func hasEnded(_ tokenID: String?) -> Bool {
        guard let tokenID else { return false }
        return ended.withLock { $0[tokenID] != nil }
    }

    /// The CSRF token for a page session: its token id and an HMAC of that id with the user's,
    /// so it needs no storage, any instance can check it, and a form kept when the session ran
    /// out can be put back only for the user it was made for (`isCSRF(_:issuedTo:)`).
    func csrfToken(forTokenID id: String, user: String) -> String {
        id + "." + signature("csrf:" + id + ":" + user)
    }

    /// An HMAC of `text` under the token key, in hex: for values a page carries that the
    /// browser must not change (a trainee's score).
    func signature(_ text: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: key.key)
        return Data(code).map { String(format: "%02x", $0) }.joined()
    }

    /// The sign-in form's CSRF token, before anyone is signed in: a random value and its
    /// signature, so that a cookie planted by someone else (a sibling site, plain HTTP) is
    /// not one this server made, and does not sign anyone in.
    /// It lasts two hours: a pair fetched by someone else to plant later soon opens nothing.
    func loginNonce(now: Timestamp = .now()) -> String {
        let random = SymmetricKey(size: .bits128).withUnsafeBytes { Data($0).map { String(format: "%02x", $0) }.joined() }
        let value = random + "." + String(now.seconds + Self.loginNonceLife)
        return value + "." + signature("login-csrf:" + value)
    }

    static let loginNonceLife: Int64 = 2 * 3600

    /// Whether `candidate` is a sign-in nonce this server made (`loginNonce`) and still current.
    func isLoginNonce(_ candidate: String, now: Timestamp = .now()) -> Bool {
        let parts = candidate.split(separator: ".", omittingEmptySubsequences: false)
        guard candidate.utf8.count <= 160, parts.count == 3, parts[0].utf8.count == 32, let expires = Int64(parts[1]),
            expires >= now.seconds
        else { return false }
        return ConstantTime.equal(signature("login-csrf:" + parts[0] + "." + parts[1]), String(parts[2]))
    }

    /// Compared in constant time.
    func isValidCSRF(_ candidate: String, forTokenID id: String, user: String) -> Bool {
        ConstantTime.equal(csrfToken(forTokenID: id, user: user), candidate)
    }

    /// Whether `candidate` is a CSRF token this server made for `user`, in any of their
    /// sessions: what a form posted after the session ran out must carry to be put back once
    /// they sign in again — a post from another site, or made for someone else, carries none.
    func isCSRF(_ candidate: String, issuedTo user: String) -> Bool {
        guard let dot = candidate.firstIndex(of: ".") else { return false }
        return isValidCSRF(candidate, forTokenID: String(candidate[..<dot]), user: user)
    }

    /// The token's header, read only for `alg` and `kid`.
    private static func header(_ token: String) -> (alg: String, kid: String?)? {
        guard let first = token.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first else {
            return nil
        }
        guard let object = Base64URL.jsonObject(first), let alg = object["alg"] as? String else { return nil }
        return (alg, object["kid"] as? String)
    }
}
