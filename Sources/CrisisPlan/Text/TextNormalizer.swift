import Foundation

/// Normalises text for matching signs, names and contact facts (SPEC v2 §3 "Sign matching"):
/// NFKC; case-folded; default-ignorable code points removed (zero-width characters, soft
/// hyphen, direction marks, U+FEFF, variation selectors), then NFKC again; every run of
/// whitespace, hyphens, dashes and underscores one space; trimmed, with trailing `.`, `,`, `;`,
/// `:`, `!`, `?` removed. So `self harm`, `Self-harm.` and `self_harm` are one text, and a
/// zero-width space cannot hide a name from the do-not-contact list.
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
            case UInt8(ascii: " "), 0x09...0x0D, UInt8(ascii: "-"), UInt8(ascii: "_"):
                pendingSpace = !bytes.isEmpty
            default:
                if pendingSpace {
                    bytes.append(UInt8(ascii: " "))
                    pendingSpace = false
                }
                bytes.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            }
        }
        trimTrailing(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Full Unicode. Case folding is the lowercase of the uppercase form, which maps ß to "ss"
    /// and the final sigma like the medial one.
    private static func unicodeNormalized(_ text: String) -> String {
        let folded = text.precomposedStringWithCompatibilityMapping.uppercased().lowercased()
        var visible = String.UnicodeScalarView()
        for scalar in folded.unicodeScalars where !scalar.properties.isDefaultIgnorableCodePoint {
            visible.append(scalar)
        }
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in String(visible).precomposedStringWithCompatibilityMapping.unicodeScalars {
            if isSeparator(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        var bytes = Array(String(result).utf8)
        trimTrailing(&bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whitespace (NBSP included), hyphens and dashes (U+002D, U+2010–U+2015, U+2212) and `_`.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x5F, 0x2010...0x2015, 0x2212: true
        default: scalar.properties.isWhitespace
        }
    }

    /// Drops trailing spaces and `.`, `,`, `;`, `:`, `!`, `?` in any mix ("voices. " → "voices").
    private static func trimTrailing(_ bytes: inout [UInt8]) {
        while let last = bytes.last {
            switch last {
            case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                UInt8(ascii: "!"), UInt8(ascii: "?"):
                bytes.removeLast()
            default:
                return
            }
        }
    }
}
