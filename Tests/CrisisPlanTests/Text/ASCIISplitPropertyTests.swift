import PropertyBased
import Testing

@testable import CrisisPlan

/// An unrecognised text is cut into words and `,`/`;` parts by its bytes when it is ASCII, and
/// character by character otherwise. Whatever the text — separators in a row, at either end, a
/// space that a combining mark makes part of one character, line breaks, letters outside
/// ASCII, the Greek question mark (equal to `;`) — the pieces must be those of
/// `split(whereSeparator:)`, byte for byte.
@Suite("Splitting at ASCII separators is the standard split")
struct ASCIISplitPropertyTests {
    static let pieces = [
        "a", "bc", " ", " ", ",", ";", ",;", "\r\n", "\t", "é", "e\u{301}", " \u{301}", ",\u{301}", "漢", "\u{37E}",
    ]
    static let separatorSets: [[UInt8]] = [[UInt8(ascii: " ")], [UInt8(ascii: ","), UInt8(ascii: ";")]]

    @Test("for any text, the pieces are the standard split's")
    func splitsAsTheStandardSplit() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 0...16)) { choices in
            var c = ChoiceStream(choices)
            let text = choices.indices.map { _ in Self.pieces[c.next(Self.pieces.count)] }.joined()
            for separators in Self.separatorSets {
                let expected = text.split(whereSeparator: { character in
                    separators.contains { String(decoding: [$0], as: UTF8.self) == String(character) }
                }).map(String.init)
                let pieces = text.split(atASCII: separators)
                #expect(
                    pieces.map { Array($0.utf8) } == expected.map { Array($0.utf8) }, "\(Array(text.unicodeScalars))")
            }
        }
    }
}
