import Foundation

/// A client address as limits count it: an IPv4 address whole, an IPv6 address by its /64 —
/// one host is given a /64, so counting whole IPv6 addresses would give it 2^64 tries.
enum ClientAddress {
    static func key(_ address: String) -> String {
        guard address.contains(":") else { return address }
        var groups = expandedGroups(address)
        guard groups.count == 8 else { return address }
        groups.removeLast(4)
        return groups.joined(separator: ":") + "::/64"
    }

    /// The eight groups of an IPv6 address, `::` expanded; an IPv4-mapped address's last 32
    /// bits as two groups.
    private static func expandedGroups(_ address: String) -> [String] {
        var text = Substring(address)
        if let zone = text.firstIndex(of: "%") { text = text[..<zone] }
        let halves = text.components(separatedBy: "::")
        func groups(_ part: String) -> [String] {
            part.isEmpty ? [] : part.split(separator: ":").map { String($0).lowercased() }
        }
        switch halves.count {
        case 1: return groups(halves[0])
        case 2:
            let head = groups(halves[0])
            let tail = groups(halves[1])
            let missing = 8 - head.count - tail.count
            guard missing >= 0 else { return [] }
            return head + Array(repeating: "0", count: missing) + tail
        default: return []
        }
    }
}
