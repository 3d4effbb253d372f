import PropertyBased
import Testing

@testable import CrisisPlan

/// Suggestions for an unrecognised text compare it with each of the plan's sign texts a column
/// of the table at a time, one bit per scalar. Whatever the two texts — swaps of neighbours,
/// scalars outside ASCII, texts on either side of 64 scalars — the distance must be the full
/// table's within the limit, and nothing beyond it.
@Suite("The bit-parallel edit distance is the full table's, within the limit")
struct BitParallelEditDistancePropertyTests {
    @Test("for any two texts, within the limit the distance is the full table's; beyond it, none")
    func bitParallelIsFull() async {
        await propertyCheck(count: 3_000, input: Gen.int(in: 0...1_000_000).array(of: 2...140)) { choices in
            var c = ChoiceStream(choices)
            let long = c.chance(20)
            let (a, b) = BoundedEditDistancePropertyTests.nearPair(&c, lengths: long ? 60..<68 : 0..<9)
            let full = BoundedEditDistancePropertyTests.fullDistance(a, b)
            let compared: Void? = a.withUnsafeBufferPointer { text in
                b.withUnsafeBufferPointer { other in
                    BitParallelEditDistance.from(text) { bits in
                        for limit in [0, 1, 2, 3, 4, 70] {
                            #expect(
                                bits.distance(to: other, limit: limit) == (full <= limit ? full : nil),
                                "\(a) \(b) limit \(limit)")
                        }
                    }
                }
            }
            #expect((compared == nil) == (a.count > 64))
        }
    }

    @Test("a text of 64 scalars is taken, one of 65 is not")
    func lengthBound() {
        let a = [UInt32](repeating: 97, count: 64)
        var b = a
        b[63] = 98
        b[0] = 99
        func distance(_ a: [UInt32], _ b: [UInt32]) -> Int?? {
            a.withUnsafeBufferPointer { text in
                b.withUnsafeBufferPointer { other in
                    BitParallelEditDistance.from(text) { $0.distance(to: other, limit: 2) }
                }
            }
        }
        #expect(distance(a, b) == .some(2))
        #expect(distance(a + [98], b) == .none)
    }
}
