import PropertyBased
import Testing

@testable import CrisisPlan

/// Sign texts, fact ids and enum values are looked up in a `SmallTable`, which compares an
/// ASCII text with ASCII keys by a hash of their bytes first. A look-up must still find
/// exactly what String equality finds — canonical equivalence included, under which an ASCII
/// text can equal a key outside ASCII.
@Suite("A small table finds what String equality finds")
struct SmallTablePropertyTests {
    /// Pieces whose joins are often equal in bytes or canonically: the Kelvin sign is "K",
    /// the Greek question mark is ";", "é" is "e" with a combining acute.
    static let pieces = ["K", "\u{212A}", ";", "\u{37E}", "e", "\u{E9}", "e\u{301}", "s4", "6", " ", "ab", "I notice "]

    static func text(_ c: inout ChoiceStream) -> String {
        (0..<(1 + c.next(4))).map { _ in pieces[c.next(pieces.count)] }.joined()
    }

    @Test("every look-up equals the first key that String equality matches, small tables and large")
    func lookUpIsStringEquality() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 20...240)) { choices in
            var c = ChoiceStream(choices)
            let keys = (0..<c.next(40)).map { _ in Self.text(&c) }
            let table = SmallTable(keys.enumerated().map { ($1, $0) })
            for _ in 0..<20 {
                let probe = c.chance(50) && !keys.isEmpty ? keys[c.next(keys.count)] : Self.text(&c)
                #expect(table[probe] == keys.firstIndex(of: probe), "\(probe.unicodeScalars.map(\.value)) in \(keys)")
            }
        }
    }

    @Test("a text index gives the number of the first key String equality matches, any number, in or out of a slot")
    func indexNumbersAreKept() async {
        await propertyCheck(count: 1_000, input: Gen.int(in: 0...1_000_000).array(of: 20...240)) { choices in
            var c = ChoiceStream(choices)
            // Numbers that fit a slot, and some that do not (negative, or past 16 bits).
            let pairs = (0..<c.next(40)).map { _ in
                (Self.text(&c), c.chance(80) ? c.next(65_536) : [-1, 65_536, 1_000_000][c.next(3)])
            }
            let index = TextIndex(pairs)
            for _ in 0..<20 {
                let probe = c.chance(50) && !pairs.isEmpty ? pairs[c.next(pairs.count)].0 : Self.text(&c)
                #expect(index[probe] == pairs.first { $0.0 == probe }?.1, "\(probe.unicodeScalars.map(\.value)) in \(pairs)")
            }
        }
    }

    @Test("an ASCII text finds a key written with a letter canonically equal to it")
    func asciiTextFindsCanonicalKey() {
        let table = SmallTable([("\u{212A}elvin", 7), ("semi\u{37E}", 8)])
        #expect(table["Kelvin"] == 7)
        #expect(table["semi;"] == 8)
        #expect(table["kelvin"] == nil)
    }

    @Test("texts whose hashes agree are told apart by their bytes")
    func equalHashesAreComparedByBytes() {
        // Found by search: two texts of one length whose 64-bit hashes are the same.
        let first = "kemubcrd@@@@@@@@"
        let second = "apknmdjgFJlSUVyV"
        #expect(TextIndex.hash(first) == TextIndex.hash(second))
        #expect(SmallTable([(first, 1)])[second] == nil)
        let both = SmallTable([(first, 1), (second, 2)])
        #expect(both[first] == 1)
        #expect(both[second] == 2)
        // Found the same way: one length, one hash and the same first eight bytes.
        let third = "abcdefghXmIJozGwXJnBdExK"
        let fourth = "abcdefghKwDrQJMUAf]%#|_!"
        #expect(TextIndex.hash(third) == TextIndex.hash(fourth))
        #expect(SmallTable([(third, 3)])[fourth] == nil)
    }

    @Test("a key longer than a slot can count is still found, and a text one byte off is not")
    func longKeys() {
        let long = String(repeating: "s", count: 70_000)
        let table = SmallTable([("s4", 1), (long, 2), (long + "6", 3)])
        #expect(table[long] == 2)
        #expect(table[long + "6"] == 3)
        #expect(table[String(long.dropLast())] == nil)
        #expect(table["s4"] == 1)
    }

    @Test("keys of up to eight bytes and longer ones are told apart from texts that share their first eight")
    func firstEightBytes() {
        let table = SmallTable([("abcdefgh", 1), ("abcdefghi", 2), ("abcdefg", 3), ("", 4)])
        #expect(table["abcdefgh"] == 1)
        #expect(table["abcdefghi"] == 2)
        #expect(table["abcdefg"] == 3)
        #expect(table[""] == 4)
        #expect(table["abcdefgj"] == nil)
        #expect(table["abcdefghj"] == nil)
        #expect(table["abcdefg\0"] == nil)
    }
}
