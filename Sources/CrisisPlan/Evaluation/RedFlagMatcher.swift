/// Finds a red flag's words in an unrecognised text (SPEC v3 §10.3): words are the runs of
/// letters and digits of the normalised text; a phrase matches as consecutive words; a word
/// written with a trailing `*` matches any word that starts with it (`overdos*`).
struct RedFlagMatcher: Sendable {
    struct Pattern: Sendable {
        var word: String
        var isPrefix: Bool

        func matches(_ candidate: Substring) -> Bool {
            isPrefix ? candidate.hasPrefix(word) : candidate == word
        }
    }

    let phrases: [[Pattern]]

    init(words: [String]) {
        phrases = words.compactMap { phrase in
            var patterns: [Pattern] = []
            for part in phrase.split(whereSeparator: \.isWhitespace) {
                let isPrefix = part.hasSuffix("*")
                let words = Self.words(of: String(isPrefix ? part.dropLast() : part))
                for (position, word) in words.enumerated() {
                    patterns.append(Pattern(word: String(word), isPrefix: isPrefix && position == words.count - 1))
                }
            }
            return patterns.isEmpty ? nil : patterns
        }
    }

    /// Whether any phrase occurs in the text, as whole consecutive words.
    func matches(_ text: String) -> Bool {
        let words = Self.words(of: text)
        for phrase in phrases where phrase.count <= words.count {
            for start in 0...(words.count - phrase.count)
            where phrase.indices.allSatisfy({ phrase[$0].matches(words[start + $0]) }) {
                return true
            }
        }
        return false
    }

    /// The runs of letters and digits of the normalised text: apostrophes and punctuation
    /// separate words (`OD.` holds `od`, `Kofi's` holds `kofi`).
    static func words(of text: String) -> [Substring] {
        let normalized = TextNormalizer.normalize(text)
        if normalized.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(of: normalized) }
        return normalized.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }

    /// The runs of ASCII letters and digits of an ASCII text, split on its bytes: what
    /// `split(whereSeparator:)` with `isLetter`/`isNumber` gives, without looking up the
    /// Unicode properties of each character.
    static func asciiWords(of text: String) -> [Substring] {
        var words: [Substring] = []
        let utf8 = text.utf8
        var start: String.Index?
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            let isWordByte =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if isWordByte {
                if start == nil { start = index }
            } else if let first = start {
                words.append(text[first..<index])
                start = nil
            }
            utf8.formIndex(after: &index)
        }
        if let first = start { words.append(text[first..<utf8.endIndex]) }
        return words
    }
}
