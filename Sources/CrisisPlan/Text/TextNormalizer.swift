/// Normalises text for matching: trimmed, runs of whitespace collapsed to one space, and
/// case-folded, so "Not  Sleeping" matches "not sleeping" (SPEC §3 "Sign matching").
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
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
            if character.isASCII {
                result.append(character.lowercased())
            } else {
                result += caseFold(character)
            }
        }
        return result
    }

    /// Unicode case folding for a non-ASCII character: lowercase of the uppercase form,
    /// which maps ß to "ss" and the final sigma like the medial one.
    private static func caseFold(_ character: Character) -> String {
        String(character).uppercased().lowercased()
    }
}
