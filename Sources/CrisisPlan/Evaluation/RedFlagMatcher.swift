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
        return normalized.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
    }
}
