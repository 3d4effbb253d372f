/// An observed text that matches none of the person's signs, read once for everyone: its normal
/// form as scalars and words (what `SignSuggester` compares with each plan's signs), its
/// `,`/`;` parts, and the policy's red flags whose words it holds.
///
/// None of this depends on the plan, and the same few texts come back across people, so the
/// policy keeps each (`CompiledPolicy.unrecognised(_:)`) and a plan's suggestions then cost a
/// few comparisons on prepared words.
final class UnrecognisedText: Sendable {
    /// Distinct for every text the policy has read (never reused), so that a plan can key its
    /// own memo by it.
    let serial: Int
    /// The text as typed.
    let typed: String
    let normalized: String
    let scalars: [UInt32]
    let words: [String]
    /// The words sorted, for "the same words in another order".
    let sortedWords: [String]
    /// Words of three letters or more that are not stop words, punctuation set aside.
    let tellingWords: [String]
    /// The `,`/`;` separated parts when there are two or more, else empty.
    let parts: [String]
    /// Positions in `CompiledPolicy.redFlags` whose words the text holds.
    let redFlags: [Int]

    init(_ text: String, redFlags matchers: [RedFlagMatcher], serial: Int = 0) {
        self.serial = serial
        typed = text
        let normalized = TextNormalizer.normalize(text)
        self.normalized = normalized
        scalars = normalized.unicodeScalars.map(\.value)
        words = normalized.split(atASCII: [UInt8(ascii: " ")])
        sortedWords = words.count > 1 ? words.sorted() : words
        tellingWords = SignSuggester.tellingWords(words)
        let pieces = normalized.split(atASCII: [UInt8(ascii: ","), UInt8(ascii: ";")])
        parts = pieces.count > 1 ? pieces : []
        redFlags = matchers.indices.filter { matchers[$0].matches(text) }
    }
}
