import Crypto
import Foundation

/// The key that signs tokens, session cookies and CSRF tokens (`--token-key`, default
/// `token.key`): 32 random bytes, made on first start if absent, readable by its owner only.
/// Every instance behind a balancer is given the same file, so each accepts the others' tokens.
struct TokenKey: Sendable {
    let key: SymmetricKey

    static func loadOrCreate(path: String) throws(StartFailure) -> TokenKey {
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let hex = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard hex.count == 64, let bytes = Self.bytes(hex: hex) else {
                throw StartFailure(
                    message: "error: \(path) is not a token key (64 hexadecimal digits); remove it and one is made on start")
            }
            return TokenKey(key: SymmetricKey(data: bytes))
        }
        let key = SymmetricKey(size: .bits256)
        let hex = key.withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw StartFailure(message: "error: cannot create the token key \(path): \(String(cString: strerror(errno)))")
        }
        let line = Array((hex + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        fsync(descriptor)
        close(descriptor)
        guard written == line.count else { throw StartFailure(message: "error: cannot write the token key \(path)") }
        return TokenKey(key: key)
    }

    private static func bytes(hex: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = Self.nibble(high), let l = Self.nibble(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension TokenKey {
    /// A key for another purpose, derived from this one (HKDF), so one secret file serves
    /// and no purpose's key can be computed from another's.
    func derived(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Array(purpose.utf8), outputByteCount: 32)
    }
}
