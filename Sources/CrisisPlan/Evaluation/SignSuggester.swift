/// What an unrecognised observation might have meant (SPEC v2 §3 "Sign matching"): up to
/// three of the person's signs near it, closest first. Nothing looser than exact matching
/// ever counts as a sign; these are only offered, in the `unknown-sign` warning and the
/// answer's attention block.
///
/// Built once per plan: every sign text is kept normalised, as scalars and as words, in flat
/// lists, so that suggesting costs a few bounded comparisons and almost no allocation.
struct SignSuggester: Sendable {
    /// Words too common to suggest a sign by ("the", "my", "and").
    static let stopWords: Set<String> = [
        "the", "and", "but", "for", "not", "are", "was", "has", "have", "had", "his", "her", "she", "him", "they",
        "them", "their", "you", "your", "our", "with", "from", "that", "this", "too", "very", "all", "any", "can",
        "get", "got", "out", "off", "into", "onto", "when", "then", "than", "been", "being", "were", "will", "just",
        "its", "it's", "who", "what", "how", "why", "there", "here", "about", "more", "some", "one", "two", "again",
        "don't", "cannot", "can't", "does", "did", "over", "under", "much", "many", "like",
    ]

    /// One distinct normalised text of a sign: where its scalars are in `scalars`
    /// (`start..<start + count`, so that comparing touches no reference counts), the sign it
    /// belongs to, and its first byte (0 for an empty text): a text is a word-by-word prefix of
    /// another only if they begin alike, so most texts are passed over on this byte alone.
    ///
    /// The fields sit together, 16 bytes a text, because an unrecognised text is compared with
    /// every text of a plan nobody has asked about for a while: a list per field is a cache
    /// miss per field, and across thousands of plans those misses were most of the time.
    private struct Text: Sendable {
        var start: Int32
        var count: Int32
        var owner: Int32
        var firstByte: UInt8
    }
    private let texts: [Text]
    private let scalars: [UInt32]
    /// Each text's words, and its words sorted, beside `texts`.
    private let words: [[String]]
    private let sortedWords: [[String]]
    private let signCount: Int
    /// Each telling word (three letters or more, not a stop word) to the signs using it.
    private let signsByWord: [String: [Int]]
    private let matcher: SignMatcher

    init(signs: [EarlyWarningSign], matcher: SignMatcher) {
        var texts: [Text] = []
        var normalizedTexts: [[UInt32]] = []
        var words: [[String]] = []
        var signsByWord: [String: [Int]] = [:]
        for (position, sign) in signs.enumerated() {
            var seen: [String] = []
            for text in [sign.id, sign.says] + sign.also {
                let normalized = TextNormalizer.normalize(text)
                guard !seen.contains(normalized) else { continue }
                seen.append(normalized)
                normalizedTexts.append(normalized.unicodeScalars.map(\.value))
                let split = normalized.split(atASCII: [UInt8(ascii: " ")])
                texts.append(
                    Text(
                        start: 0, count: Int32(normalizedTexts[texts.count].count), owner: Int32(position),
                        firstByte: split.first?.utf8.first ?? 0))
                words.append(split)
                for word in Self.tellingWords(split) where signsByWord[word]?.last != position {
                    signsByWord[word, default: []].append(position)
                }
            }
        }
        // The scalars shortest text first: the texts an unrecognised one is compared with are
        // those of about its length, and so sit in one or two cache lines rather than one each.
        var scalars: [UInt32] = []
        for k in texts.indices.sorted(by: { (texts[$0].count, $0) < (texts[$1].count, $1) }) {
            texts[k].start = Int32(scalars.count)
            scalars += normalizedTexts[k]
        }
        self.texts = texts
        self.scalars = scalars
        self.words = words
        sortedWords = words.map { $0.sorted() }
        signCount = signs.count
        self.signsByWord = signsByWord
        self.matcher = matcher
    }

    /// The texts and their scalars, which every unrecognised text is compared with.
    func addStorage(to set: inout WorkingSet) {
        set.add(texts)
        set.add(scalars)
    }

    static func isTelling(_ word: some StringProtocol) -> Bool {
        word.count >= 3 && !stopWords.contains(String(word))
    }

    /// The telling words of a text's words, with the punctuation around and between them set
    /// aside: "(night)", "'shop'" and "pace," share "night", "shop" and "pace" with a sign. An
    /// apostrophe or a hyphen inside a word stays ("don't", "night-walk").
    static func tellingWords(_ words: [String]) -> [String] {
        words.flatMap { word in
            word.split { !($0.isLetter || $0.isNumber || Self.joins($0)) }.map { piece in
                String(piece.drop(while: Self.joins).reversed().drop(while: Self.joins).reversed())
            }
        }.filter(isTelling)
    }

    /// An apostrophe (straight or curly) or a hyphen: part of a word inside it, a quote mark or
    /// a dash at its edges.
    private static func joins(_ character: Character) -> Bool {
        character == "'" || character == "’" || character == "‘" || character == "-"
    }

    /// Sign positions, in the order SPEC v2 gives: the signs each `,`/`;` part matches (when
    /// every part matches one); then by edit distance (at most two); then one a word-by-word
    /// prefix of the other; then the same words in another order; then a shared word of three
    /// letters or more that is not a stop word. Ties in plan order; three at most, parts aside.
    func suggest(_ observed: String) -> [Int] {
        suggest(UnrecognisedText(observed, redFlags: []))
    }

    /// The same, for a text already read (`UnrecognisedText`): compares prepared scalars and
    /// words only, so that it allocates nothing but its answer.
    func suggest(_ text: UnrecognisedText) -> [Int] {
        var parts: [Int] = []
        if !text.parts.isEmpty {
            let matched = text.parts.map { matcher.match($0) }
            if matched.allSatisfy({ $0 != nil }) {
                for index in matched.compactMap({ $0 }) where !parts.contains(index) { parts.append(index) }
            }
        }
        // Ranks: 0–2 the edit distance; 3 a word-by-word prefix; 4 the same words reordered;
        // 5 a shared telling word; Int.max not near. Worked out in a buffer on the stack: this
        // runs for every unrecognised observation.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: signCount) { best in
            best.initialize(repeating: Int.max)
            rankByDistance(text, into: best)
            if best.contains(where: { $0 > 2 }) { rankByWords(text, into: best) }
            for position in parts { best[position] = Int.max }
            var chosen = parts
            chosen.reserveCapacity(parts.count + 3)
            for _ in 0..<3 {
                var pick = -1
                for position in best.indices where best[position] != Int.max {
                    if pick < 0 || best[position] < best[pick] { pick = position }
                }
                guard pick >= 0 else { break }
                chosen.append(pick)
                best[pick] = Int.max
            }
            return chosen
        }
    }

    /// Ranks 0–2: signs with a text at most two edits away. A text of up to 64 scalars (all
    /// but the rarest) is compared with one of its own length place by place when that decides
    /// it, else a column at a time (`BitParallelEditDistance`); a longer one in a band of the
    /// table.
    private func rankByDistance(_ text: UnrecognisedText, into best: UnsafeMutableBufferPointer<Int>) {
        text.scalars.withUnsafeBufferPointer { observed in
            scalars.withUnsafeBufferPointer { all in
                let compared: Void? = BitParallelEditDistance.from(observed) { bits in
                    rank(observed.count, all, into: best) { candidate, limit in
                        if candidate.count == observed.count,
                            let quick = BoundedEditDistance.sameLength(observed, candidate, limit: limit)
                        {
                            return quick
                        }
                        return bits.distance(to: candidate, limit: limit)
                    }
                }
                guard compared == nil else { return }
                var scratch = BoundedEditDistance()
                rank(observed.count, all, into: best) { scratch.distance(observed, $0, limit: $1) }
            }
        }
    }

    /// Each sign not yet known to be nearer, by its texts within two scalars of `length`.
    private func rank(
        _ length: Int, _ all: UnsafeBufferPointer<UInt32>, into best: UnsafeMutableBufferPointer<Int>,
        by distance: (UnsafeBufferPointer<UInt32>, Int) -> Int?
    ) {
        texts.withUnsafeBufferPointer { texts in
            for text in texts where best[Int(text.owner)] > 0 {
                guard abs(Int(text.count) - length) <= 2 else { continue }
                let candidate = UnsafeBufferPointer(rebasing: all[Int(text.start)..<Int(text.start + text.count)])
                if let found = distance(candidate, min(2, best[Int(text.owner)] - 1)) { best[Int(text.owner)] = found }
            }
        }
    }

    /// Ranks 3–5: a word-by-word prefix, the same words reordered, a shared telling word.
    private func rankByWords(_ text: UnrecognisedText, into best: UnsafeMutableBufferPointer<Int>) {
        let observedWords = text.words
        let observedFirst = observedWords.first?.utf8.first ?? 0
        texts.withUnsafeBufferPointer { texts in
            for k in texts.indices where best[Int(texts[k].owner)] > 3 {
                let owner = Int(texts[k].owner)
                if texts[k].firstByte == observedFirst
                    && (Self.isWordPrefix(observedWords, words[k]) || Self.isWordPrefix(words[k], observedWords))
                {
                    best[owner] = 3
                } else if best[owner] > 4, observedWords.count > 1, text.sortedWords == sortedWords[k] {
                    best[owner] = 4
                }
            }
        }
        for word in text.tellingWords {
            for position in signsByWord[word] ?? [] where best[position] > 5 { best[position] = 5 }
        }
    }

    /// Every word of `short` begins the word in the same place in `long` ("not sleepin" and
    /// "not sleeping"); a single word must be three letters or more.
    private static func isWordPrefix(_ short: [String], _ long: [String]) -> Bool {
        guard !short.isEmpty, short.count <= long.count else { return false }
        // By characters, not bytes: a combining mark that NFKC leaves apart belongs to the letter
        // before it, so "बेचैन" does not begin "बेचैनी".
        for (word, other) in zip(short, long) where !other.hasPrefix(word) { return false }
        return short.count > 1 || short[0].count >= 3
    }
}
