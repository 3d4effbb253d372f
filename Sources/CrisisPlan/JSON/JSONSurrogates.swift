/// JSON writes a character outside the Basic Multilingual Plane as a surrogate pair
/// (`"\ud83d\ude00"`, as Python's json does for emoji); YAML, which reads our JSON, takes only
/// `\U0001F600`. A JSON document's pairs are rewritten so before parsing. Lines keep their
/// numbers (a column after a pair on its line moves two to the left); a lone surrogate is left
/// for the parser to refuse.
enum JSONSurrogates {
    static func joined(_ source: SourceFile) -> SourceFile {
        let bytes = source.bytes
        guard let first = bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }),
            first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
            bytes.contains(UInt8(ascii: "\\"))
        else { return source }
        var out = bytes
        var index = 0
        while index + 1 < out.count {
            guard out[index] == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            // `\uD83D\uDE00` (12 bytes) becomes `\U0001F600` (10); any other escape is skipped
            // whole, so an escaped backslash before a `u` is never read as an escape.
            if out[index + 1] == UInt8(ascii: "u"), index + 12 <= out.count,
                let high = hex(out, index + 2), (0xD800...0xDBFF).contains(high),
                out[index + 6] == UInt8(ascii: "\\"), out[index + 7] == UInt8(ascii: "u"),
                let low = hex(out, index + 8), (0xDC00...0xDFFF).contains(low)
            {
                let scalar = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                var replacement = Array("\\U".utf8)
                replacement += Array(String(scalar, radix: 16, uppercase: true).leftPadded(to: 8).utf8)
                out.replaceSubrange(index..<(index + 12), with: replacement)
                index += replacement.count
                continue
            }
            index += 2
        }
        return SourceFile(path: source.path, bytes: out)
    }

    private static func hex(_ bytes: [UInt8], _ start: Int) -> Int? {
        guard start + 4 <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + 4)] {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value * 16 + Int(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value * 16 + Int(byte - UInt8(ascii: "a")) + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = value * 16 + Int(byte - UInt8(ascii: "A")) + 10
            default: return nil
            }
        }
        return value
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
