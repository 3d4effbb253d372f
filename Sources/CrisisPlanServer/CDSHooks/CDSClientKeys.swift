import CrisisPlan
import Foundation
import JWTKit
import Synchronization

/// The record systems allowed to call the CDS Hooks service, each with its own public keys
/// (`--cds-client ISS=JWKS_FILE`), and the check every call's JWT passes, as CDS Hooks 2.0
/// asks: an asymmetric signature by a key of the issuer it names; `aud` the URL called; `exp`,
/// `iat` and `jti` present; a `jti` never accepted twice. These tokens open `/cds-services/*`
/// and nothing else, and no other token opens those routes.
final class CDSClientKeys: Sendable {
    /// A token may live at most this long (CDS clients mint one per call, valid minutes):
    /// this bounds how long each `jti` is remembered.
    static let longestLife: Int64 = 3600
    /// Clocks may differ this much.
    static let skew: Int64 = 300
    static let replayLimit = 200_000
    static let algorithms: Set<String> = ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512"]

    private let issuers: [String: PublicKeySet]
    /// `iss|jti` → when it expires.
    private let seen = Mutex<[String: Int64]>([:])

    private init(issuers: [String: PublicKeySet]) { self.issuers = issuers }

    /// `ISS=JWKS_FILE` each; an issuer named twice, or a file that is not a key set, stops the start.
    static func make(_ clients: [String]) async throws(StartFailure) -> CDSClientKeys {
        var issuers: [String: PublicKeySet] = [:]
        for client in clients {
            guard let equals = client.lastIndex(of: "="), equals != client.startIndex,
                client.index(after: equals) != client.endIndex
            else {
                throw StartFailure(message: "error: --cds-client takes ISSUER=JWKS_FILE, like https://ehr.example.org=ehr-keys.json; found '\(client)'")
            }
            let issuer = String(client[..<equals])
            guard issuers[issuer] == nil else {
                throw StartFailure(message: "error: --cds-client names the issuer '\(issuer)' twice; give each issuer once")
            }
            issuers[issuer] = try await TokenService.providerKeys(String(client[client.index(after: equals)...]))
        }
        return CDSClientKeys(issuers: issuers)
    }

    /// Why a token is refused (for the log, never the caller), or the caller.
    enum Verdict: Sendable {
        case admitted(CDSCaller)
        case refused(String)
    }

    /// Checks `token` for a call to one of `urls` (the service's own address and the path
    /// called; for feedback, the service's URL is accepted too).
    func verify(_ token: String, urls: [String], now: Int64 = Timestamp.now().seconds) async -> Verdict {
        guard token.utf8.count <= 16_384 else { return .refused("token too long") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = Base64URL.jsonObject(parts[0]), let payload = Base64URL.jsonObject(parts[1])
        else {
            return .refused("not a signed JWT")
        }
        guard let alg = header["alg"] as? String, Self.algorithms.contains(alg) else {
            return .refused("algorithm not allowed (an asymmetric one is required)")
        }
        guard header["kid"] is String else { return .refused("no kid in the header") }
        guard let issuer = payload["iss"] as? String, let keys = issuers[issuer] else {
            return .refused("issuer not allowed")
        }
        let claims: CDSClientClaims
        do {
            claims = try await keys.verify(token, as: CDSClientClaims.self)
        } catch {
            return .refused("signature or claims not valid")
        }
        guard let expires = ClaimTime.seconds(claims.exp.value), let issued = ClaimTime.seconds(claims.iat.value) else {
            return .refused("exp or iat is no time a token could hold")
        }
        guard claims.iss.value == issuer else { return .refused("issuer changed") }
        guard claims.aud.value.contains(where: { aud in urls.contains { Self.sameURL(aud, $0) } }) else {
            return .refused("aud is not \(urls.first ?? "")")
        }
        guard expires > now - Self.skew, issued <= now + Self.skew else { return .refused("expired or issued in the future") }
        guard expires > issued else { return .refused("expires before it was issued") }
        guard expires - issued <= Self.longestLife, expires <= now + Self.longestLife + Self.skew else {
            return .refused("valid for longer than an hour")
        }
        guard !claims.jti.value.isEmpty else { return .refused("empty jti") }
        let key = issuer + "|" + claims.jti.value
        let fresh = seen.withLock { seen -> Bool in
            if seen.count >= Self.replayLimit { seen = seen.filter { $0.value + Self.skew > now } }
            guard seen.count < Self.replayLimit, seen[key] == nil else { return false }
            seen[key] = expires
            return true
        }
        guard fresh else { return .refused("jti already used") }
        return .admitted(CDSCaller(issuer: issuer))
    }

    /// The same URL, a trailing slash aside.
    static func sameURL(_ a: String, _ b: String) -> Bool {
        func trimmed(_ text: String) -> Substring { text.hasSuffix("/") ? text.dropLast() : Substring(text) }
        return trimmed(a) == trimmed(b)
    }
}

/// The claims CDS Hooks 2.0 requires of a CDS client's JWT.
struct CDSClientClaims: JWTPayload {
    var iss: IssuerClaim
    var aud: AudienceClaim
    var exp: ExpirationClaim
    var iat: IssuedAtClaim
    var jti: IDClaim
    var tenant: String?

    /// Times are checked by `CDSClientKeys`, with its allowance for clock skew.
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
