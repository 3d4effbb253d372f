/// The distance `BoundedEditDistance` computes — insertions, deletions, substitutions and swaps
/// of neighbours, a swapped pair edited no further — for one text of at most 64 scalars against
/// many others, a whole column of the table at a time.
///
/// An unrecognised observation is compared with every text of the plan's signs, on every new
/// (plan, text). Here each of the text's scalars is one bit of a 64-bit word, so a scalar of
/// the other text costs a dozen word operations and no table: Hyyrö's bit-vector algorithm for
/// this distance ("A bit-vector algorithm for computing Levenshtein and Damerau edit
/// distances", 2003), itself Myers' algorithm with a term for the swap. Where each ASCII
/// scalar occurs is worked out once, when the text is taken, in a table on the stack; a
/// scalar outside ASCII is looked for in the text each time (rare in what people type here).
struct BitParallelEditDistance {
    /// The longest text it takes: one bit per scalar.
    static let maxLength = 64

    private let text: UnsafeBufferPointer<UInt32>
    /// For each ASCII scalar, the positions in `text` that hold it; other scalars are looked
    /// for in `text` itself (rare in what people type here).
    private let asciiMasks: UnsafeMutableBufferPointer<UInt64>

    private init(text: UnsafeBufferPointer<UInt32>, asciiMasks: UnsafeMutableBufferPointer<UInt64>) {
        self.text = text
        self.asciiMasks = asciiMasks
        asciiMasks.initialize(repeating: 0)
        for (position, scalar) in text.enumerated() where scalar < 128 {
            asciiMasks[Int(scalar)] |= 1 << UInt64(position)
        }
    }

    /// Calls `body` with the distance from `text`, its masks on the stack (valid only inside
    /// `body`); `nil` without calling it for a text longer than `maxLength`.
    static func from<Result>(
        _ text: UnsafeBufferPointer<UInt32>, _ body: (BitParallelEditDistance) -> Result
    ) -> Result? {
        guard text.count <= maxLength else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 128) { masks in
            body(BitParallelEditDistance(text: text, asciiMasks: masks))
        }
    }

    private func mask(_ scalar: UInt32) -> UInt64 {
        if scalar < 128 { return asciiMasks[Int(scalar)] }
        var mask: UInt64 = 0
        for (position, other) in text.enumerated() where other == scalar { mask |= 1 << UInt64(position) }
        return mask
    }

    /// The distance from the text to `other` when it is at most `limit`, else `nil`.
    func distance(to other: UnsafeBufferPointer<UInt32>, limit: Int) -> Int? {
        guard limit >= 0, abs(text.count - other.count) <= limit else { return nil }
        guard !text.isEmpty else { return other.count }
        // The last row of the column, kept as a number; the column itself as vertical
        // differences (+1 in `plus`, −1 in `minus`); `diagonal` the zero differences, and
        // `previousMask` the last scalar's matches, for the swap term.
        var plus = UInt64.max
        var minus: UInt64 = 0
        var diagonal: UInt64 = 0
        var previousMask: UInt64 = 0
        var distance = text.count
        let lastRow: UInt64 = 1 << UInt64(text.count - 1)
        for (column, scalar) in other.enumerated() {
            let matches = mask(scalar)
            let swapped = ((~diagonal & matches) << 1) & previousMask
            diagonal = (((matches & plus) &+ plus) ^ plus) | matches | minus | swapped
            var horizontalPlus = minus | ~(diagonal | plus)
            var horizontalMinus = diagonal & plus
            if horizontalPlus & lastRow != 0 {
                distance += 1
            } else if horizontalMinus & lastRow != 0 {
                distance -= 1
            }
            // Each remaining column changes the last row by one at most.
            if distance - (other.count - column - 1) > limit { return nil }
            horizontalPlus = (horizontalPlus << 1) | 1
            horizontalMinus <<= 1
            plus = horizontalMinus | ~(diagonal | horizontalPlus)
            minus = horizontalPlus & diagonal
            previousMask = matches
        }
        return distance <= limit ? distance : nil
    }
}
