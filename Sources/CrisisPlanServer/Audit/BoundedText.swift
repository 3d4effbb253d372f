import Crypto

/// Text a client sent, as an audit record may hold it: at most 256 bytes, cut at a whole
/// Unicode scalar, with the SHA-256 of the whole when cut — so a 30 KB path costs a record of
/// the same size as any other, and two long values can still be told apart.
enum BoundedText {
    static let limit = 256

    /// As `bounded`, for a record's own text column (user, path, person, query): a NUL is
    /// kept as the six characters `\u{0}`, because a database's text column ends at one — the
    /// record read back would no longer match what was hashed, and `audit verify` would call an
    /// untouched record changed. (Texts inside the JSON columns are escaped by JSON.)
    static func column(_ text: String) -> String {
        bounded(text.utf8.contains(0) ? text.replacingOccurrences(of: "\u{0}", with: "\\u{0}") : text)
    }

    static func column(_ text: String?) -> String? { text.map(column) }

    static func bounded(_ text: String) -> String {
        guard text.utf8.count > limit else { return text }
        var kept = ""
        var bytes = 0
        for scalar in text.unicodeScalars {
            let size = String(scalar).utf8.count
            guard bytes + size <= limit else { break }
            kept.unicodeScalars.append(scalar)
            bytes += size
        }
        return kept + "…[\(text.utf8.count) bytes, sha256:\(sha256(text))]"
    }

    static func bounded(_ text: String?) -> String? { text.map(bounded) }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

extension CanonicalJSON {
    /// Every text in the value (keys too) cut as `BoundedText` cuts it.
    var bounded: CanonicalJSON {
        // Almost every value is within bounds: it is then itself, not a copy of the tree.
        guard exceedsBound else { return self }
        return switch self {
        case .string(let text): .string(BoundedText.bounded(text))
        case .array(let values): .array(values.map(\.bounded))
        case .object(let members):
            .object(Dictionary(members.map { (BoundedText.bounded($0.key), $0.value.bounded) }) { first, _ in first })
        case .null, .bool, .integer, .written: self
        }
    }

    /// Whether any text in the value (keys too) is longer than `BoundedText.limit` bytes.
    private var exceedsBound: Bool {
        switch self {
        case .string(let text): return text.utf8.count > BoundedText.limit
        case .array(let values): return values.contains { $0.exceedsBound }
        case .object(let members):
            return members.contains { $0.key.utf8.count > BoundedText.limit || $0.value.exceedsBound }
        case .null, .bool, .integer, .written: return false
        }
    }
}
