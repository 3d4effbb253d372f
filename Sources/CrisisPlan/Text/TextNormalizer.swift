/// Normalises text for matching: trimmed, runs of whitespace collapsed to one space, and
/// case-folded, so "Not  Sleeping" matches "not sleeping" (SPEC §3 "Sign matching").
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        asciiNormalized(text) ?? unicodeNormalized(text)
    }

    /// The common case, byte by byte; `nil` when the text has any non-ASCII character.
    private static func asciiNormalized(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            switch byte {
            case 0x80...:
                return nil
            case UInt8(ascii: " "), 0x09...0x0D:
                pendingSpace = !bytes.isEmpty
            default:
                if pendingSpace {
                    bytes.append(UInt8(ascii: " "))
                    pendingSpace = false
                }
                bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Full Unicode: whitespace by Unicode's definition; case folding as the lowercase of the
    /// uppercase form, which maps ß to "ss" and the final sigma like the medial one.
    private static func unicodeNormalized(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result += String(character).uppercased().lowercased()
        }
        return result
    }
}
