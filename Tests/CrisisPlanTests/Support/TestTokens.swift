import Crypto
import Foundation

/// JWTs made by hand, as an attacker or an identity provider would make them: signed with the
/// server's own key but expired, signed with no algorithm, or ES256 from a key in a JWKS.
enum TestTokens {
    static func base64URL(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func json(_ object: [String: Any]) -> Data {
        try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    /// HS256 with `key` (the bytes of the server's token key file, as hex).
    static func hs256(_ claims: [String: Any], keyHex: String, kid: String = "crisisplan") -> String {
        let key = SymmetricKey(data: stride(from: 0, to: keyHex.count, by: 2).map {
            let start = keyHex.index(keyHex.startIndex, offsetBy: $0)
            return UInt8(keyHex[start..<keyHex.index(start, offsetBy: 2)], radix: 16)!
        })
        return hs256(claims, key: key, kid: kid)
    }

    static func hs256(_ claims: [String: Any], key: SymmetricKey, kid: String = "crisisplan") -> String {
        let input = base64URL(json(["alg": "HS256", "typ": "JWT", "kid": kid])) + "." + base64URL(json(claims))
        let signature = HMAC<SHA256>.authenticationCode(for: Data(input.utf8), using: key)
        return input + "." + base64URL(Data(signature))
    }

    static func unsigned(_ claims: [String: Any]) -> String {
        base64URL(json(["alg": "none", "typ": "JWT", "kid": "crisisplan"])) + "." + base64URL(json(claims)) + "."
    }

    /// An identity provider's ES256 key, its JWKS, and tokens it signs.
    struct Provider {
        let key = P256.Signing.PrivateKey()
        let kid = "idp-1"

        var jwks: String {
            let raw = key.publicKey.rawRepresentation
            let jwk: [String: Any] = [
                "kty": "EC", "crv": "P-256", "kid": kid, "use": "sig", "alg": "ES256",
                "x": TestTokens.base64URL(raw.prefix(32)), "y": TestTokens.base64URL(raw.suffix(32)),
            ]
            return String(decoding: TestTokens.json(["keys": [jwk]]), as: UTF8.self)
        }

        func es256(_ claims: [String: Any], kid: String? = nil) -> String {
            let input = TestTokens.base64URL(TestTokens.json(["alg": "ES256", "typ": "JWT", "kid": kid ?? self.kid])) + "."
                + TestTokens.base64URL(TestTokens.json(claims))
            let signature = try! key.signature(for: Data(input.utf8))
            return input + "." + TestTokens.base64URL(signature.rawRepresentation)
        }

        /// HS256 "signed" with the provider's public key as the secret: the algorithm
        /// confusion attack.
        func confused(_ claims: [String: Any]) -> String {
            TestTokens.hs256(claims, key: SymmetricKey(data: Data(jwks.utf8)), kid: kid)
        }
    }

    /// A record system calling CDS Hooks: an ES384 key (CDS Hooks' recommendation), its JWKS,
    /// and a fresh token per call for the URL called.
    struct RecordSystem {
        let issuer: String
        let key = P384.Signing.PrivateKey()
        let kid = "ehr-1"

        var jwks: String {
            let raw = key.publicKey.rawRepresentation
            let jwk: [String: Any] = [
                "kty": "EC", "crv": "P-384", "kid": kid, "use": "sig", "alg": "ES384",
                "x": TestTokens.base64URL(raw.prefix(48)), "y": TestTokens.base64URL(raw.suffix(48)),
            ]
            return String(decoding: TestTokens.json(["keys": [jwk]]), as: UTF8.self)
        }

        func token(aud: String, jti: String = UUID().uuidString, claims extra: [String: Any] = [:], kid: String? = nil)
            -> String
        {
            var claims: [String: Any] = [
                "iss": issuer, "aud": aud, "exp": TestTokens.now + 300, "iat": TestTokens.now, "jti": jti,
            ]
            claims.merge(extra) { _, new in new }
            let input = TestTokens.base64URL(TestTokens.json(["alg": "ES384", "typ": "JWT", "kid": kid ?? self.kid])) + "."
                + TestTokens.base64URL(TestTokens.json(claims))
            let signature = try! key.signature(for: Data(input.utf8))
            return input + "." + TestTokens.base64URL(signature.rawRepresentation)
        }
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }
}
