import PropertyBased
import Testing

@testable import CrisisPlan

/// Reasons, messages and source lines are written with `String(writing:)`, which counts the
/// pieces' bytes and then copies them into a string of that size. Whatever the pieces, the
/// text must be the pieces joined, byte for byte.
@Suite("A written text is its pieces joined")
struct TextWriterPropertyTests {
    /// Texts made at run time: empty, ASCII, outside ASCII (two, three and four bytes), a
    /// combining mark alone, and one long enough for a heap string.
    static let texts = [
        "", "a", "s41", "é", "e\u{301}", "\u{301}", "बेचैनी", "😀", "I notice s00 again, every night",
    ]
    /// Pieces written in the program, as literals are; the last holds its one scalar as a
    /// value rather than as bytes somewhere.
    static let literals: [StaticString] = ["", "' matches none of ", "é; ", "बेचैनी", oneScalar(StaticString.self)]

    /// "é" as a literal made generically, which a `StaticString` holds as a scalar.
    static func oneScalar<Literal: ExpressibleByUnicodeScalarLiteral>(_: Literal.Type) -> Literal { "é" }
    static let numbers = [0, 7, 9, 10, -3, -10, 42, 99, 100, 2026, Int.max, Int.min]
    /// Years inside and outside 0–9999, whose text is written differently.
    static let timestamps = [
        Timestamp(seconds: 0), Timestamp(seconds: 1_795_000_000), Timestamp(seconds: -62_167_219_201),
        Timestamp(seconds: 253_402_300_800),
    ]

    @Test("the written text equals its pieces joined as strings, for any pieces")
    func writtenIsJoined() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 0...30)) { choices in
            var c = ChoiceStream(choices)
            var pieces: [(text: String, write: (inout TextWriter) -> Void)] = []
            for _ in 0..<c.next(12) {
                switch c.next(4) {
                case 0:
                    let text = Self.texts[c.next(Self.texts.count)]
                    pieces.append((text, { $0.append(text) }))
                case 1:
                    let number = Self.numbers[c.next(Self.numbers.count)]
                    pieces.append(("\(number)", { $0.append(number) }))
                case 2:
                    let literal = Self.literals[c.next(Self.literals.count)]
                    pieces.append(("\(literal)", { $0.append(literal) }))
                default:
                    let timestamp = Self.timestamps[c.next(Self.timestamps.count)]
                    pieces.append(("\(timestamp)", { $0.append(timestamp) }))
                }
            }
            let written = String(writing: { writer in for piece in pieces { piece.write(&writer) } })
            let joined = pieces.map(\.text).joined()
            #expect(Array(written.utf8) == Array(joined.utf8))
        }
    }

    @Test("a literal of one scalar is held as a value, and written as its bytes")
    func oneScalarLiteral() {
        let literal = Self.oneScalar(StaticString.self)
        #expect(!literal.hasPointerRepresentation)
        #expect(String(writing: { $0.append("caf"); $0.append(literal) }) == "café")
    }

    @Test("a source line is its path and line number")
    func pathAndLine() {
        #expect(SourceLocation(file: "observations.jsonl", line: 1204).pathAndLine == "observations.jsonl:1204")
        #expect(SourceLocation(file: SourceLocation.commandLine, line: 3).pathAndLine == "<command line>")
    }
}
