/// A JSON value written in RFC 8785's canonical form (JCS): object keys sorted by their
/// UTF-16 code units, no whitespace, only the escapes the RFC requires. The audit chain hashes
/// these bytes, so the same record always gives the same hash, whoever writes it.
///
/// Records hold only text, whole numbers, booleans, null, lists and maps; whole numbers are
/// written as ECMAScript would write them (plain digits), so no float formatting is needed.
enum CanonicalJSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case string(String)
    case array([CanonicalJSON])
    case object([String: CanonicalJSON])
    /// A value already written in canonical form, every text in it already bounded
    /// (`BoundedText`): what every audited request records is written once, not built as
    /// a tree of maps to be sorted and freed.
    case written(String)

    static func string(_ value: String?) -> CanonicalJSON { value.map { .string($0) } ?? .null }
    static func strings(_ values: [String]) -> CanonicalJSON { .array(values.map { .string($0) }) }

    var text: String {
        var out: [UInt8] = []
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): out.append(contentsOf: String(value).utf8)
        case .string(let value): Self.quote(value, to: &out)
        case .written(let text): out.append(contentsOf: text.utf8)
        case .array(let values):
            out.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            Self.write(members: members.sorted { Self.precedes($0.key, $1.key) }, to: &out)
        }
    }

    /// An object whose members are already in canonical order (`precedes`), keys unique.
    static func write(members: [(key: String, value: CanonicalJSON)], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, member) in members.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            quote(member.key, to: &out)
            out.append(UInt8(ascii: ":"))
            member.value.write(to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// RFC 8785's order of keys: by UTF-16 code units. UTF-8 byte order is the same for ASCII
    /// keys (all of a record's own are), and cheaper to compare.
    static func precedes(_ first: String, _ second: String) -> Bool {
        if first.utf8.allSatisfy({ $0 < 0x80 }) && second.utf8.allSatisfy({ $0 < 0x80 }) {
            return first.utf8.lexicographicallyPrecedes(second.utf8)
        }
        return first.utf16.lexicographicallyPrecedes(second.utf16)
    }

    /// RFC 8785 §3.2.2.2: `\"`, `\\`, the five short escapes, `\u00xx` (lowercase) for other
    /// control characters; everything else as UTF-8.
    static func quote(_ value: String, to out: inout [UInt8]) {
        // Read in place where the text is held as UTF-8 (every native string): every audited
        // request quotes a score of texts, and walking a string's view byte by byte cost more.
        if value.utf8.withContiguousStorageIfAvailable({ quote(bytes: $0, to: &out) }) != nil { return }
        var value = value
        value.withUTF8 { quote(bytes: $0, to: &out) }
    }

    private static func quote(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text needs no escape: then it is copied whole.
        guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            out.append(contentsOf: bytes)
            out.append(UInt8(ascii: "\""))
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
