import PropertyBased
import Testing

@testable import CrisisPlan

/// An unrecognised text's suggestions are computed for every new (plan, text), so the
/// suggester prepares each plan's texts and cuts its comparisons short. Whatever the signs and
/// the text, it must suggest what the rule says, worked out here the plain way: the signs each
/// `,`/`;` part matches when every part matches one; then up to three others, by edit distance
/// (at most two), then one text a word-by-word beginning of the other, then the same words in
/// another order, then a shared word of three letters or more that is not a stop word; ties in
/// plan order.
@Suite("Suggestions are what the plain rule suggests")
struct SignSuggesterPropertyTests {
    static let here = SourceLocation(file: "<test>", line: 1)
    /// Near one another by a letter or two, by words, by order, by a shared word; with parts.
    static let ids = ["s00", "s01", "s10", "s11", "s2", "s21", "pacing", "pacin", "not sleeping", "sleeping"]
    /// Short ids that parts name, near the whole text too.
    static let shortIds = ["a", "b", "ab", "ba", "abc", "bac", "a b", "b,a"]
    static let phrases = [
        "not sleeping", "sleeping badly", "badly sleeping", "I notice s00 again", "I notice s01 again", "pacing",
        "pacing at night", "the night", "hearing voices", "voices", "not eating", "eating less", "Pacing",
        "walks (at night)", "voices - at night!",
    ]
    static let observed = [
        "s00", "s0", "s02", "s12", "s3", "s", "pacing", "pacng", "pacing, s00", "s00; s01", "s00, nonsense",
        "not sleep", "sleeping not", "night", "the", "I notice s02 again", "voices at night", "hearing",
        "not eating, pacing", "eatin less", "", "(night)", "pace, really", "\"night\" walking", "voices!", "night-time", "'night'", "‘voices’", "the voices' volume",
    ]
    static let shortObserved = ["a,b", "a;b", "b, a", "a, ab", "ab,ba", "c", "a,c"]

    @Test("for any signs and any text, the suggester answers as the plain rule")
    func suggestsAsThePlainRule() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 10...60)) { choices in
            var c = ChoiceStream(choices)
            let short = c.chance(30)
            let ids = short ? Self.shortIds : Self.ids
            var signs: [EarlyWarningSign] = []
            for _ in 0..<(1 + c.next(12)) {
                let id = ids[c.next(ids.count)]
                guard !signs.contains(where: { $0.id == id }) else { continue }
                let also = (0..<c.next(3)).map { _ in Self.phrases[c.next(Self.phrases.count)] }
                signs.append(
                    EarlyWarningSign(
                        id: id, says: Self.phrases[c.next(Self.phrases.count)], also: also, stage: "early",
                        stageSource: Self.here, source: Self.here))
            }
            let texts = short ? Self.shortObserved : Self.observed
            let text = texts[c.next(texts.count)]
            let matcher = SignMatcher(signs: signs)
            guard matcher.match(text) == nil else { return }
            let suggester = SignSuggester(signs: signs, matcher: matcher)
            #expect(
                suggester.suggest(text) == Self.plainRule(signs, text, matcher: matcher),
                "'\(text)' among \(signs.map { [$0.id, $0.says] + $0.also })")
        }
    }

    /// The rule, read straight: every sign's every text compared in full.
    static func plainRule(_ signs: [EarlyWarningSign], _ observed: String, matcher: SignMatcher) -> [Int] {
        let text = TextNormalizer.normalize(observed)
        let pieces = text.split(whereSeparator: { $0 == "," || $0 == ";" }).map(String.init)
        var parts: [Int] = []
        if pieces.count > 1 {
            let matched = pieces.map { matcher.match($0) }
            if matched.allSatisfy({ $0 != nil }) {
                for position in matched.compactMap({ $0 }) where !parts.contains(position) { parts.append(position) }
            }
        }
        let words = text.split(separator: " ").map(String.init)
        var ranked: [(rank: Int, position: Int)] = []
        for (position, sign) in signs.enumerated() where !parts.contains(position) {
            let ranks = ([sign.id, sign.says] + sign.also).map(TextNormalizer.normalize).compactMap { other in
                rank(text, words, other)
            }
            if let best = ranks.min() { ranked.append((best, position)) }
        }
        ranked.sort { ($0.rank, $0.position) < ($1.rank, $1.position) }
        return parts + ranked.prefix(3).map(\.position)
    }

    static func rank(_ text: String, _ words: [String], _ other: String) -> Int? {
        let distance = BoundedEditDistancePropertyTests.fullDistance(
            text.unicodeScalars.map(\.value), other.unicodeScalars.map(\.value))
        if distance <= 2 { return distance }
        let otherWords = other.split(separator: " ").map(String.init)
        func begins(_ short: [String], _ long: [String]) -> Bool {
            !short.isEmpty && short.count <= long.count && zip(short, long).allSatisfy { $1.hasPrefix($0) }
                && (short.count > 1 || short[0].count >= 3)
        }
        if begins(words, otherWords) || begins(otherWords, words) { return 3 }
        if words.count > 1 && words.sorted() == otherWords.sorted() { return 4 }
        // A word, as read with the punctuation around it set aside: letters, digits, and an
        // apostrophe or hyphen inside.
        func telling(_ words: [String]) -> [String] {
            let joins: Set<Character> = ["'", "’", "‘", "-"]
            return words.flatMap { $0.split { !($0.isLetter || $0.isNumber || joins.contains($0)) } }
                .map { piece -> String in
                    var word = Substring(piece)
                    while let first = word.first, joins.contains(first) { word.removeFirst() }
                    while let last = word.last, joins.contains(last) { word.removeLast() }
                    return String(word)
                }
                .filter { $0.count >= 3 && !SignSuggester.stopWords.contains($0) }
        }
        if !Set(telling(words)).isDisjoint(with: telling(otherWords)) { return 5 }
        return nil
    }
}
