import JWTKit

/// Public keys of one outside signer (an identity provider, or a record system calling the
/// CDS service), with the ids they were published under.
///
/// A token is verified only by the key its header names: a `kid` the set does not hold is
/// refused before any signature is checked, rather than left to whichever key the library
/// falls back on.
struct PublicKeySet: Sendable {
    let keys: JWTKeyCollection
    let ids: Set<String>

    func verify<Payload: JWTPayload>(_ token: String, as payload: Payload.Type) async throws -> Payload {
        guard let header = token.split(separator: ".", maxSplits: 1).first.flatMap(Base64URL.jsonObject),
            let kid = header["kid"] as? String, ids.contains(kid)
        else { throw JWTError.generic(identifier: "kid", reason: "the key named is not in the set") }
        return try await keys.verify(token, as: payload)
    }
}
