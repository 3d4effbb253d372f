import Foundation

/// Normalises text for matching signs, names and contact facts (SPEC v2 §3 "Sign matching"):
/// NFKC; case-folded; default-ignorable code points removed (zero-width characters, soft
/// hyphen, direction marks, U+FEFF, variation selectors), then NFKC again; every run of
/// whitespace, hyphens, dashes and underscores one space; trimmed, with trailing `.`, `,`, `;`,
/// `:`, `!`, `?` removed. So `self harm`, `Self-harm.` and `self_harm` are one text, and a
/// zero-width space cannot hide a name from the do-not-contact list.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            switch isNormalASCII(bytes) {
            case true?: text
            case false?: asciiNormalized(bytes) ?? unicodeNormalized(text)
            case nil: unicodeNormalized(text)
            }
        }
    }

    /// Whether an ASCII text is already in normal form, in one pass over its bytes without a
    /// buffer: most texts looked up are (a sign id, a decision as the plan writes it). `false`
    /// as soon as something would change; `nil` at a byte outside ASCII before that.
    private static func isNormalASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        // A space first, after another, or last would change the text.
        var afterSpace = true
        for byte in bytes {
            switch byte {
            case 0x80...:
                return nil
            case UInt8(ascii: " "):
                if afterSpace { return false }
                afterSpace = true
            case 0x09...0x0D, UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                return false
            default:
                afterSpace = false
            }
        }
        guard let last = bytes.last else { return true }
        return !isTrailing(last)
    }

    /// An ASCII text's normal form, byte by byte, for a text `isNormalASCII` found to change;
    /// `nil` when the text has any non-ASCII character. Built in a buffer on the stack.
    private static func asciiNormalized(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(bytes.count, 1)) { buffer -> String? in
            var length = 0
            var pendingSpace = false
            for byte in bytes {
                switch byte {
                case 0x80...:
                    return nil
                case UInt8(ascii: " "), 0x09...0x0D, UInt8(ascii: "-"), UInt8(ascii: "_"):
                    pendingSpace = length > 0
                default:
                    if pendingSpace {
                        buffer[length] = UInt8(ascii: " ")
                        length += 1
                        pendingSpace = false
                    }
                    buffer[length] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
                    length += 1
                }
            }
            while length > 0, isTrailing(buffer[length - 1]) { length -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<length]), as: UTF8.self)
        }
    }

    /// Full Unicode. Case folding is the lowercase of the uppercase form, which maps ß to "ss"
    /// and the final sigma like the medial one.
    private static func unicodeNormalized(_ text: String) -> String {
        // Case folding, scalar by scalar: upper- then lowercasing folds what folding changes
        // (ß → ss, K → k, ς → σ), and a scalar folding leaves alone stays itself — the dotless
        // ı is not an i, and a text typed with it must not match a sign silently.
        var visible = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars
        where !scalar.properties.isDefaultIgnorableCodePoint {
            if scalar.properties.changesWhenCaseFolded {
                visible.append(contentsOf: String(scalar).uppercased().lowercased().unicodeScalars)
            } else {
                visible.append(scalar)
            }
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
        while let last = bytes.last, isTrailing(last) { bytes.removeLast() }
    }

    private static func isTrailing(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: " "), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
            UInt8(ascii: "!"), UInt8(ascii: "?"):
            true
        default:
            false
        }
    }
}
