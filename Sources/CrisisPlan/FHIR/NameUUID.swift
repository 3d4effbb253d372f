import Crypto
import Foundation

/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same person and source always give the
/// same id, so exporting a plan twice gives the same bytes.
enum NameUUID {
    /// A namespace of our own for crisisplan's FHIR resources.
    static let namespace: [UInt8] = withUnsafeBytes(of: UUID(uuidString: "6f1c2d0e-3b7a-5c41-9e2a-8d4b7c1f0a93")!.uuid) {
        Array($0)
    }

    static func make(_ name: String) -> String {
        var digest = Array(Insecure.SHA1.hash(data: namespace + Array(name.utf8)).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
