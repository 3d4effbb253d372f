import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The proxies whose `X-Forwarded-For` is believed (`--trusted-proxy CIDR…`): from one of them,
/// the client is the right-most address in the header that is not itself a trusted proxy —
/// the one the nearest trusted proxy saw connect. Entries further left were written by the
/// client and could name anyone. From any other peer the header is ignored, and the client is
/// the address that connected.
struct TrustedProxies: Sendable {
    /// One range: the address's bytes (4 or 16) and how many leading bits must match.
    struct Range: Sendable, Equatable {
        var bytes: [UInt8]
        var bits: Int
    }

    let ranges: [Range]

    /// Each `CIDR` as typed (`10.0.0.0/8`, `2001:db8::/32`, or one address); the first that is
    /// not one, named.
    init(_ typed: [String]) throws(StartFailure) {
        ranges = try typed.map { text throws(StartFailure) in
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let bytes = Self.bytes(String(parts[0])) else {
                throw StartFailure(message: "error: --trusted-proxy takes CIDR ranges like 10.0.0.0/8 or 2001:db8::/32; found '\(text)'")
            }
            let bits = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let bits, (0...bytes.count * 8).contains(bits) else {
                throw StartFailure(message: "error: --trusted-proxy '\(text)': the prefix length must be 0 to \(bytes.count * 8)")
            }
            return Range(bytes: bytes, bits: bits)
        }
    }

    var isEmpty: Bool { ranges.isEmpty }

    func contains(_ address: String) -> Bool {
        guard let bytes = Self.bytes(address) else { return false }
        return ranges.contains { range in
            guard range.bytes.count == bytes.count else { return false }
            for bit in 0..<range.bits where (range.bytes[bit / 8] ^ bytes[bit / 8]) & (0x80 >> UInt8(bit % 8)) != 0 {
                return false
            }
            return true
        }
    }

    /// The client of a request that `peer` sent with these `X-Forwarded-For` values.
    func client(peer: String, forwardedFor values: [String]) -> String {
        guard !ranges.isEmpty, contains(peer) else { return peer }
        let entries = values.flatMap { $0.split(separator: ",") }.map(Self.address)
        for entry in entries.reversed() where !contains(entry) {
            // Not an address (the proxy wrote something else): the peer, which is known.
            return Self.bytes(entry) == nil ? peer : entry
        }
        return entries.first ?? peer
    }

    /// An entry without spaces, brackets or a port (`[2001:db8::1]:443`, `192.0.2.1:5000`).
    private static func address(_ entry: Substring) -> String {
        var text = entry.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            text = String(text[text.index(after: text.startIndex)..<close])
        } else if text.filter({ $0 == ":" }).count == 1, let colon = text.firstIndex(of: ":") {
            text = String(text[..<colon])
        }
        return text
    }

    /// The address's bytes (IPv4 or IPv6), or nil when it is not one.
    static func bytes(_ address: String) -> [UInt8]? {
        var four = in_addr()
        if inet_pton(AF_INET, address, &four) == 1 {
            return withUnsafeBytes(of: &four) { Array($0) }
        }
        var six = in6_addr()
        if inet_pton(AF_INET6, address, &six) == 1 {
            return withUnsafeBytes(of: &six) { Array($0) }
        }
        return nil
    }
}
