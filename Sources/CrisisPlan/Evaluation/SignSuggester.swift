/// What an unrecognised observation might have meant (SPEC v2 §3 "Sign matching"): up to
/// three of the person's signs near it, closest first. Nothing looser than exact matching
/// ever counts as a sign; these are only offered, in the `unknown-sign` warning and the
/// answer's attention block.
struct SignSuggester: Sendable {
    /// Words too common to suggest a sign by ("the", "my", "and").
    static let stopWords: Set<String> = [
        "the", "and", "but", "for", "not", "are", "was", "has", "have", "had", "his", "her", "she", "him", "they",
        "them", "their", "you", "your", "our", "with", "from", "that", "this", "too", "very", "all", "any", "can",
        "get", "got", "out", "off", "into", "onto", "when", "then", "than", "been", "being", "were", "will", "just",
        "its", "it's", "who", "what", "how", "why", "there", "here", "about", "more", "some", "one", "two", "again",
        "don't", "cannot", "can't", "does", "did", "over", "under", "much", "many", "like",
    ]

    private let signTexts: [[String]]
    private let matcher: SignMatcher

    init(signs: [EarlyWarningSign], matcher: SignMatcher) {
        signTexts = signs.map { sign in
            var texts: [String] = []
            for text in [sign.id, sign.says] + sign.also {
                let normalized = TextNormalizer.normalize(text)
                if !texts.contains(normalized) { texts.append(normalized) }
            }
            return texts
        }
        self.matcher = matcher
    }

    /// Sign positions, in the order SPEC v2 gives: the signs each `,`/`;` part matches (when
    /// every part matches one); then by edit distance (at most two); then one a word-by-word
    /// prefix of the other; then the same words in another order; then a shared word of three
    /// letters or more that is not a stop word. Ties in plan order; three at most, parts aside.
    func suggest(_ observed: String) -> [Int] {
        let text = TextNormalizer.normalize(observed)
        var parts: [Int] = []
        if text.contains(",") || text.contains(";") {
            let pieces = text.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
            let matched = pieces.map { matcher.match($0) }
            if pieces.count > 1, matched.allSatisfy({ $0 != nil }) {
                for index in matched.compactMap({ $0 }) where !parts.contains(index) { parts.append(index) }
            }
        }
        let words = text.split(separator: " ").map(String.init)
        let scalars = Array(text.unicodeScalars)
        var ranked: [(rank: Int, position: Int)] = []
        for (position, texts) in signTexts.enumerated() where !parts.contains(position) {
            var best = Int.max
            for candidate in texts {
                best = min(best, Self.rank(scalars, words, candidate))
            }
            if best != Int.max { ranked.append((best, position)) }
        }
        ranked.sort { ($0.rank, $0.position) < ($1.rank, $1.position) }
        return parts + ranked.prefix(3).map(\.position)
    }

    /// 0–2: the edit distance; 3: word-by-word prefix; 4: same words reordered; 5: a shared
    /// word; `Int.max`: not near.
    private static func rank(_ scalars: [Unicode.Scalar], _ words: [String], _ candidate: String) -> Int {
        if let distance = Suggestion.editDistance(scalars, Array(candidate.unicodeScalars), limit: 2) {
            return distance
        }
        let other = candidate.split(separator: " ").map(String.init)
        if isWordPrefix(words, other) || isWordPrefix(other, words) { return 3 }
        if words.count > 1, words.sorted() == other.sorted() { return 4 }
        let shared = Set(words).intersection(other)
        if shared.contains(where: { $0.count >= 3 && !stopWords.contains($0) }) { return 5 }
        return Int.max
    }

    /// Every word of `short` begins the word in the same place in `long`, and `short` is not
    /// empty ("not sleepin" and "not sleeping").
    private static func isWordPrefix(_ short: [String], _ long: [String]) -> Bool {
        guard !short.isEmpty, short.count <= long.count else { return false }
        for (word, other) in zip(short, long) where !other.hasPrefix(word) { return false }
        guard let last = short.last else { return false }
        return short.count > 1 || last.count >= 3
    }
}
