/// Reads a JSON observations document straight into the tree libyaml would build from it.
///
/// Every request to the service is such a document, and libyaml spends most of a request
/// reading it (issue 10: 2.1 s for 100,000 documents, 48× CPython's `json`). Foundation's
/// parser is fast but keeps no positions and merges duplicate keys silently — and a silently
/// merged `harm_source` is a withheld person back on the route. So this reader builds the same
/// `YAMLNode`s, with the same marks (line, and column in characters, as libyaml counts them),
/// and returns `nil` for anything libyaml would report: a syntax error, a duplicate key, a
/// control character, invalid UTF-8, a character libyaml refuses or reads as a line break
/// (U+2028, U+2029), nesting too deep, a file
/// over the limit. The caller then parses with libyaml, so every message is the one the
/// command line has always given. Valid JSON that libyaml's YAML 1.1 refused (a tab before a
/// line's first brace, a key at column 1 inside a nested map) is now read, as JSON should be.
enum JSONReader {
    static func parse(_ source: SourceFile) -> YAMLNode? {
        guard source.size <= YAMLParser.maximumFileSize, !source.isTruncated else { return nil }
        return source.bytes.withUnsafeBufferPointer { buffer in
            var reader = Reader(bytes: buffer)
            // libyaml skips a byte-order mark; so does YAMLParser before it.
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { reader.index = 3 }
            reader.skipSpace()
            guard reader.peek == UInt8(ascii: "{") || reader.peek == UInt8(ascii: "[") else { return nil }
            guard let root = reader.value(depth: 0) else { return nil }
            reader.skipSpace()
            return reader.index == buffer.count ? root : nil
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var line = 1
        var column = 1

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
        var mark: Mark { Mark(line: line, column: column) }

        /// JSON's whitespace; a line break (LF, CRLF or a lone CR, as libyaml reads them)
        /// starts a new line.
        mutating func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09:
                    index += 1
                    column += 1
                case 0x0A:
                    index += 1
                    newLine()
                case 0x0D:
                    index += 1
                    if peek == 0x0A { index += 1 }
                    newLine()
                default:
                    return
                }
            }
        }

        private mutating func newLine() {
            line += 1
            column = 1
        }

        mutating func value(depth: Int) -> YAMLNode? {
            guard let byte = peek else { return nil }
            let start = mark
            switch byte {
            case UInt8(ascii: "{"):
                guard depth < YAMLParser.maximumDepth else { return nil }
                return object(at: start, depth: depth + 1)
            case UInt8(ascii: "["):
                guard depth < YAMLParser.maximumDepth else { return nil }
                return array(at: start, depth: depth + 1)
            case UInt8(ascii: "\""):
                guard let text = string() else { return nil }
                return YAMLNode(.scalar(YAMLScalar(text: text, isPlain: false)), at: start)
            default:
                guard let text = plain() else { return nil }
                return YAMLNode(.scalar(YAMLScalar(text: text, isPlain: true)), at: start)
            }
        }

        private mutating func object(at start: Mark, depth: Int) -> YAMLNode? {
            advance()
            var entries: [YAMLEntry] = []
            skipSpace()
            if peek == UInt8(ascii: "}") {
                advance()
                return YAMLNode(.mapping([]), at: start)
            }
            // Room for the few keys an observation's objects hold, rather than growing 1, 2, 4.
            entries.reserveCapacity(4)
            while true {
                skipSpace()
                let keyMark = mark
                guard peek == UInt8(ascii: "\""), let key = string() else { return nil }
                // A duplicate key is libyaml's to report. Objects here hold a few keys; a
                // hostile one with many is read by libyaml instead, which indexes them.
                guard entries.count < 64, !entries.contains(where: { $0.key == key }) else { return nil }
                skipSpace()
                guard peek == UInt8(ascii: ":") else { return nil }
                advance()
                skipSpace()
                guard let value = value(depth: depth) else { return nil }
                entries.append(YAMLEntry(key: key, keyMark: keyMark, value: value))
                skipSpace()
                switch peek {
                case UInt8(ascii: ","): advance()
                case UInt8(ascii: "}"):
                    advance()
                    return YAMLNode(.mapping(entries), at: start)
                default: return nil
                }
            }
        }

        private mutating func array(at start: Mark, depth: Int) -> YAMLNode? {
            advance()
            var items: [YAMLNode] = []
            skipSpace()
            if peek == UInt8(ascii: "]") {
                advance()
                return YAMLNode(.sequence([]), at: start)
            }
            items.reserveCapacity(4)
            while true {
                skipSpace()
                guard let item = value(depth: depth) else { return nil }
                items.append(item)
                skipSpace()
                switch peek {
                case UInt8(ascii: ","): advance()
                case UInt8(ascii: "]"):
                    advance()
                    return YAMLNode(.sequence(items), at: start)
                default: return nil
                }
            }
        }

        /// One ASCII byte of structure.
        private mutating func advance() {
            index += 1
            column += 1
        }

        /// `true`, `false`, `null` or a number, as written (libyaml keeps a plain scalar's text).
        private mutating func plain() -> String? {
            let begin = index
            if bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: "f")
                || bytes[index] == UInt8(ascii: "n")
            {
                for word in ["true", "false", "null"] where bytes[index...].starts(with: word.utf8) {
                    index += word.utf8.count
                    column += word.utf8.count
                    return word
                }
                return nil
            }
            if peek == UInt8(ascii: "-") { index += 1 }
            guard digits() else { return nil }
            if peek == UInt8(ascii: ".") {
                index += 1
                guard digits() else { return nil }
            }
            if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
                index += 1
                if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
                guard digits() else { return nil }
            }
            column += index - begin
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<index]), as: UTF8.self)
        }

        private mutating func digits() -> Bool {
            let begin = index
            while let byte = peek, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { index += 1 }
            return index > begin
        }

        /// A string's text, escapes decoded. `nil` for what libyaml would refuse or the
        /// parser would report: a raw control character, a character outside YAML's printable
        /// set, invalid UTF-8, a lone surrogate, or a decoded control character.
        private mutating func string() -> String? {
            advance()
            var scalars = String.UnicodeScalarView()
            var runStart = index
            // While no escape and no byte over 0x7F has been seen, the text is the bytes as
            // they are: made in one step, with nothing to decode or check.
            var plainASCII = true
            while true {
                skipPrintableASCII()
                guard let byte = peek else { break }
                switch byte {
                case UInt8(ascii: "\""):
                    let text: String
                    if plainASCII {
                        text = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                    } else {
                        guard appendRun(from: runStart, to: index, into: &scalars) else { return nil }
                        text = String(scalars)
                        if text.unicodeScalars.contains(where: { TerminalText.isControl($0, true) }) { return nil }
                    }
                    advance()
                    return text
                case UInt8(ascii: "\\"):
                    plainASCII = false
                    guard appendRun(from: runStart, to: index, into: &scalars), let escaped = escape() else { return nil }
                    scalars.append(escaped)
                    runStart = index
                default:
                    guard byte >= 0x20, byte != 0x7F, !isLineSeparator(at: index) else { return nil }
                    if byte >= 0x80 { plainASCII = false }
                    if byte & 0xC0 != 0x80 { column += 1 }
                    index += 1
                }
            }
            return nil
        }

        /// Passes over printable ASCII other than `"` and `\`, the bulk of any text, one column
        /// a byte, in a loop with nothing else to decide; `string()` takes every other byte.
        private mutating func skipPrintableASCII() {
            var end = index
            while end < bytes.count, bytes[end] >= 0x20, bytes[end] < 0x7F, bytes[end] != UInt8(ascii: "\""),
                bytes[end] != UInt8(ascii: "\\")
            {
                end += 1
            }
            column += end - index
            index = end
        }

        /// U+2028 and U+2029 are line breaks to libyaml: its marks and text would differ.
        private func isLineSeparator(at position: Int) -> Bool {
            bytes[position] == 0xE2 && position + 2 < bytes.count && bytes[position + 1] == 0x80
                && (bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9)
        }

        /// Appends raw bytes, checked as UTF-8 of characters YAML may hold.
        private func appendRun(from begin: Int, to end: Int, into scalars: inout String.UnicodeScalarView) -> Bool {
            guard begin < end else { return true }
            var iterator = UnsafeBufferPointer(rebasing: bytes[begin..<end]).makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar):
                    guard Self.isPrintable(scalar) else { return false }
                    scalars.append(scalar)
                case .emptyInput:
                    return true
                case .error:
                    return false
                }
            }
        }

        /// YAML 1.1's printable set, which libyaml enforces on raw input.
        private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x85, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
            default: false
            }
        }

        /// One escape after a backslash. A surrogate pair (`\ud83d\ude00`) is one character;
        /// the command line rewrites it to `\U0001F600` before libyaml reads it, two
        /// characters shorter, so the columns after it on its line are two less here too.
        private mutating func escape() -> Unicode.Scalar? {
            guard index + 1 < bytes.count else { return nil }
            let letter = bytes[index + 1]
            index += 2
            column += 2
            switch letter {
            case UInt8(ascii: "\""): return "\""
            case UInt8(ascii: "\\"): return "\\"
            case UInt8(ascii: "/"): return "/"
            case UInt8(ascii: "b"): return "\u{08}"
            case UInt8(ascii: "f"): return "\u{0C}"
            case UInt8(ascii: "n"): return "\n"
            case UInt8(ascii: "r"): return "\r"
            case UInt8(ascii: "t"): return "\t"
            case UInt8(ascii: "u"):
                guard let high = hex() else { return nil }
                if (0xDC00...0xDFFF).contains(high) { return nil }
                guard (0xD800...0xDBFF).contains(high) else { return Unicode.Scalar(high) }
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { return nil }
                index += 2
                column += 2
                guard let low = hex(), (0xDC00...0xDFFF).contains(low) else { return nil }
                column -= 2
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            default:
                return nil
            }
        }

        private mutating func hex() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for offset in 0..<4 {
                let byte = bytes[index + offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: return nil
                }
                value = value << 4 | UInt32(digit)
            }
            index += 4
            column += 4
            return value
        }
    }
}
