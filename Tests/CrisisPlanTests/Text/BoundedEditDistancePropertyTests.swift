import PropertyBased
import Testing

@testable import CrisisPlan

/// Unrecognised signs are offered the signs at most two edits away, and a misspelt key or id
/// the names a few edits away. The bounded distance takes shortcuts — texts of one length,
/// a band of the table, the scalars of one text absent from the other — and must still give exactly
/// what the whole table gives, whenever that is within the limit, and nothing otherwise.
@Suite("The bounded edit distance is the full table's, within the limit")
struct BoundedEditDistancePropertyTests {
    /// Letters that share a bit of the mask (scalars 64 apart: "!" and "a", "4" and "t"),
    /// neighbours to swap, and a scalar outside ASCII.
    static let alphabet: [UInt32] = Array("!aAbs0t4é".unicodeScalars.map(\.value))

    /// Insertions, deletions, substitutions and swaps of neighbours, over the whole table.
    static func fullDistance(_ a: [UInt32], _ b: [UInt32]) -> Int {
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    /// A text of a length in `lengths`, and often a near copy of it (a few edits away), so that
    /// small distances come up; otherwise a second text of its own.
    static func nearPair(_ c: inout ChoiceStream, lengths: Range<Int>) -> ([UInt32], [UInt32]) {
        func text(_ c: inout ChoiceStream) -> [UInt32] {
            (0..<(lengths.lowerBound + c.next(lengths.count))).map { _ in alphabet[c.next(alphabet.count)] }
        }
        let a = text(&c)
        var b = a
        for _ in 0..<c.next(4) {
            switch c.next(4) {
            case 0 where !b.isEmpty: b.remove(at: c.next(b.count))
            case 1: b.insert(alphabet[c.next(alphabet.count)], at: c.next(b.count + 1))
            case 2 where !b.isEmpty: b[c.next(b.count)] = alphabet[c.next(alphabet.count)]
            case 3 where b.count > 1:
                let i = c.next(b.count - 1)
                b.swapAt(i, i + 1)
            default: b = text(&c)
            }
        }
        return (a, b)
    }

    @Test("within the limit the distance is the full table's; beyond it, none")
    func boundedIsFull() async {
        await propertyCheck(count: 3_000, input: Gen.int(in: 0...1_000_000).array(of: 2...24)) { choices in
            var c = ChoiceStream(choices)
            let (a, b) = Self.nearPair(&c, lengths: 0..<9)
            let full = Self.fullDistance(a, b)
            var scratch = BoundedEditDistance()
            a.withUnsafeBufferPointer { first in
                b.withUnsafeBufferPointer { second in
                    #expect(BoundedEditDistance.absentScalars(first, second) <= full)
                    for limit in 0...4 {
                        let bounded = scratch.distance(first, second, limit: limit)
                        #expect(bounded == (full <= limit ? full : nil), "\(a) \(b) limit \(limit)")
                    }
                }
            }
        }
    }
}
