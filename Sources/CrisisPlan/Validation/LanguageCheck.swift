/// Finds stigmatising labels in staff-written plan text (seed 000: "language matters").
///
/// The word list is policy (`language:`), so a local team can extend it. Matching is by whole
/// words, case-insensitive, with punctuation and hyphens as word breaks, so "non-compliant"
/// also finds "Non compliant". A rule's `allow` phrases stand whole ("high risk of falls"),
/// while "high risk of suicide" is still marked; v1's `unless_followed_by` still works.
public struct LanguageCheck: Sendable {
    private struct CompiledRule: Sendable {
        var words: [[UInt8]]
        var unlessFollowedBy: [UInt8]?
        var allow: [[[UInt8]]]
        var rule: LanguageRule
    }

    private let rules: [CompiledRule]

    public init(rules: [LanguageRule]) {
        self.rules = rules.compactMap { rule in
            let words = Self.words(rule.avoid)
            guard !words.isEmpty else { return nil }
            return CompiledRule(
                words: words, unlessFollowedBy: rule.unlessFollowedBy.flatMap { Self.words($0).first },
                allow: rule.allow.map(Self.words).filter { !$0.isEmpty }, rule: rule)
        }
    }

    /// The rules whose phrase occurs in `text`, each once, in policy order.
    public func findings(in text: String) -> [LanguageRule] {
        guard !rules.isEmpty else { return [] }
        let words = Self.words(text)
        var found: [LanguageRule] = []
        for compiled in rules where Self.occurs(compiled, in: words) {
            found.append(compiled.rule)
        }
        return found
    }

    private static func occurs(_ compiled: CompiledRule, in words: [[UInt8]]) -> Bool {
        let count = compiled.words.count
        guard words.count >= count else { return false }
        for start in 0...(words.count - count) where words[start] == compiled.words[0] {
            var matches = true
            for offset in 1..<count where words[start + offset] != compiled.words[offset] {
                matches = false
                break
            }
            guard matches else { continue }
            if let unless = compiled.unlessFollowedBy, start + count < words.count, words[start + count] == unless {
                continue
            }
            if compiled.allow.contains(where: { covers($0, words, start..<(start + count)) }) { continue }
            return true
        }
        return false
    }

    /// Whether an allowed phrase occurs in `words` around the whole of `range`.
    private static func covers(_ phrase: [[UInt8]], _ words: [[UInt8]], _ range: Range<Int>) -> Bool {
        guard phrase.count >= range.count else { return false }
        let lowest = max(0, range.upperBound - phrase.count)
        let highest = min(range.lowerBound, words.count - phrase.count)
        guard lowest <= highest else { return false }
        for start in lowest...highest where Array(words[start..<(start + phrase.count)]) == phrase {
            return true
        }
        return false
    }

    /// Lower-cased words; letters, digits and any non-ASCII byte belong to words.
    /// Read as sign texts are (`TextNormalizer`): compatibility forms and case folded, every
    /// hyphen and dash a break — so "non‑compliant" with a non-breaking hyphen (U+2011), or in
    /// full-width letters, is found as "non-compliant" is.
    private static func words(_ text: String) -> [[UInt8]] {
        var words: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in TextNormalizer.normalize(text).utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                current.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), 0x80...:
                current.append(byte)
            default:
                if !current.isEmpty {
                    words.append(current)
                    current.removeAll(keepingCapacity: true)
                }
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
