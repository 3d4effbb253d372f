import PropertyBased
import Testing

@testable import CrisisPlan

/// A plan remembers the signs suggested for each unrecognised text it has seen, as plain
/// numbers in a table of fixed size: what goes in must come out unchanged, the latest texts must
/// be kept, and a text that does not fit is never half kept.
@Suite("A plan's memo of suggestions")
struct SuggestionMemoTests {
    @Test("any list of up to eight sign positions comes back as it went in")
    func entryRoundTrip() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...65_535).array(of: 0...8)) { positions in
            let entry = SuggestionMemo.Entry(serial: 7, positions: positions)
            #expect(entry.map { entry in (0..<entry.count).map { entry[$0] } } == positions)
        }
    }

    @Test("nine positions, or a position past 16 bits, are not kept")
    func entryRefusesWhatDoesNotFit() {
        #expect(SuggestionMemo.Entry(serial: 1, positions: Array(0..<9)) == nil)
        #expect(SuggestionMemo.Entry(serial: 1, positions: [3, 65_536]) == nil)
        #expect(SuggestionMemo.Entry(serial: 1, positions: [-1]) == nil)
        #expect(SuggestionMemo.Entry(serial: 1, positions: [65_535])?[0] == 65_535)
    }

    @Test("a table's worth of texts in a row are all kept, and nothing else is found")
    func keepsATableful() throws {
        var memo = SuggestionMemo()
        #expect(memo.entry(for: 1) == nil)
        for serial in 1...SuggestionMemo.slots {
            memo.remember(try #require(SuggestionMemo.Entry(serial: serial, positions: [serial % 5])))
        }
        for serial in 1...SuggestionMemo.slots {
            #expect(memo.entry(for: serial).map { $0[0] } == serial % 5)
        }
        #expect(memo.entry(for: SuggestionMemo.slots + 1) == nil)
    }

    @Test("texts that share a slot take the next three; a fifth replaces the first, and the rest stay")
    func sharedSlots() throws {
        var memo = SuggestionMemo()
        let serials = (0..<5).map { 3 + $0 * SuggestionMemo.slots }
        for (index, serial) in serials.enumerated() {
            memo.remember(try #require(SuggestionMemo.Entry(serial: serial, positions: [index])))
        }
        #expect(memo.entry(for: serials[0]) == nil)
        for index in 1..<5 { #expect(memo.entry(for: serials[index]).map { $0[0] } == index) }
        // Remembered again, a text's entry is replaced where it is.
        memo.remember(try #require(SuggestionMemo.Entry(serial: serials[2], positions: [9, 8])))
        #expect(memo.entry(for: serials[2]).map { [$0[0], $0[1]] } == [9, 8])
        for index in [1, 3, 4] { #expect(memo.entry(for: serials[index]).map { $0[0] } == index) }
    }
}
