import PropertyBased
import Testing

@testable import CrisisPlan

/// The ASCII fast path of sign, name and fact matching returns an unchanged text as it is and
/// builds the others on the stack: whatever it does, the normal form must be the rule below.
@Suite("Text normalisation")
struct TextNormalizerPropertyTests {
    /// Letters of both cases, digits, every separator and every trailing mark the rule names.
    static let alphabet = Array("aZz09 \t\n-_.,;:!?'")
    static let texts = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...24)

    /// The rule written plainly: lower case; every run of whitespace, `-` and `_` one space;
    /// no space at either end; trailing `.`, `,`, `;`, `:`, `!`, `?` and spaces dropped.
    static func reference(_ text: String) -> String {
        let words = text.lowercased().split(whereSeparator: { $0.isWhitespace || $0 == "-" || $0 == "_" })
        var result = words.joined(separator: " ")
        while let last = result.last, " .,;:!?".contains(last) { result.removeLast() }
        return result
    }

    @Test("every ASCII text normalises by the rule, and a normal text is its own normal form")
    func asciiRule() async {
        await propertyCheck(count: 2_000, input: Self.texts) { picks in
            let text = String(picks.map { Self.alphabet[$0] })
            let normal = TextNormalizer.normalize(text)
            #expect(normal == Self.reference(text), "\(text.debugDescription)")
            #expect(TextNormalizer.normalize(normal) == normal, "\(normal.debugDescription)")
        }
    }

    @Test("texts longer than a small string, and texts already normal, keep their letters")
    func examples() {
        #expect(TextNormalizer.normalize("Hearing Voices Telling Me To Hurt Myself. ") == "hearing voices telling me to hurt myself")
        #expect(TextNormalizer.normalize("not sleeping") == "not sleeping")
        #expect(TextNormalizer.normalize("  Self-harm;") == "self harm")
        #expect(TextNormalizer.normalize("") == "")
        #expect(TextNormalizer.normalize("?!") == "")
        // Case folding, not a round trip through upper case: a dotless ı folds to itself, so
        // "ınsomnia" is not "insomnia"; what folding changes still folds.
        #expect(TextNormalizer.normalize("ınsomnia") == "ınsomnia")
        #expect(TextNormalizer.normalize("ınsomnia") != TextNormalizer.normalize("insomnia"))
        #expect(TextNormalizer.normalize("Straße") == "strasse")
        #expect(TextNormalizer.normalize("\u{212A}ELVIN") == "kelvin")
        #expect(TextNormalizer.normalize("ΟΔΟΣ") == TextNormalizer.normalize("οδος"))
        #expect(TextNormalizer.normalize("İstanbul") == "i\u{307}stanbul")
    }
}

/// Names and red-flag words are found among a text's runs of letters and digits: the ASCII
/// shortcut must split exactly as the Unicode rule does.
@Suite("Words of a text")
struct TextWordsPropertyTests {
    static let alphabet = Array("aZ9 -_.',;:!?\t/")
    static let texts = Gen.int(in: 0...(alphabet.count - 1)).array(of: 0...30)

    @Test("the ASCII split finds the same runs of letters and digits as the Unicode one")
    func asciiWords() async {
        await propertyCheck(count: 2_000, input: Self.texts) { picks in
            let text = String(picks.map { Self.alphabet[$0] })
            let reference = text.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            #expect(RedFlagMatcher.asciiWords(of: text) == reference, "\(text.debugDescription)")
        }
    }
}
