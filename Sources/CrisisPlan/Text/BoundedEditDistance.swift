/// The edit distance (insert, delete, substitute, swap two neighbours) between two texts when
/// it is at most a limit, computed in a band of `2 × limit + 1` cells per row and abandoned as
/// soon as the limit is passed. Texts further apart in length than the limit are never
/// compared, so a hostile file of long, different ids costs linear time and no large matrix.
/// The three rows are kept between calls, so comparing against many candidates allocates once.
struct BoundedEditDistance {
    private var rows: [Int] = []

    mutating func distance<T: Equatable>(_ a: [T], _ b: [T], limit: Int) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in distance(a, b, limit: limit) } }
    }

    mutating func distance<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, limit: Int) -> Int? {
        guard limit >= 0, abs(a.count - b.count) <= limit else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        if a.count == b.count, let quick = Self.sameLength(a, b, limit: limit) { return quick }
        // Scalars (what suggestions compare) are first looked for in the other text: most texts
        // near in length are far apart in what they hold ("u420" and "s00"), and looking costs
        // a few instructions a scalar, against a table.
        if let a = a as? UnsafeBufferPointer<UInt32>, let b = b as? UnsafeBufferPointer<UInt32>,
            Self.absentScalars(a, b) > limit
        {
            return nil
        }
        let width = b.count + 1
        if rows.count < 3 * width { rows = [Int](repeating: 0, count: 3 * max(width, 32)) }
        return rows.withUnsafeMutableBufferPointer { buffer in
            Self.banded(a, b, limit: limit, width: width, rows: buffer.baseAddress!)
        }
    }

    /// For texts of one length, the common answers without the table: equal (0); one
    /// substitution or one swap of neighbours (1); two mismatches otherwise (2). `nil` when
    /// more than two places differ (the table decides), `.some(nil)` when past the limit.
    static func sameLength<T: Equatable>(
        _ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, limit: Int
    ) -> Int?? {
        var first = -1
        var second = -1
        for index in 0..<a.count where a[index] != b[index] {
            if first < 0 {
                first = index
            } else if second < 0 {
                second = index
            } else {
                return nil
            }
        }
        let distance: Int
        if first < 0 {
            distance = 0
        } else if second < 0 {
            distance = 1
        } else if second == first + 1, a[first] == b[second], a[second] == b[first] {
            distance = 1
        } else {
            distance = 2
        }
        return .some(distance <= limit ? distance : nil)
    }

    /// A lower bound on the edit distance: how many scalars of one text never occur in the
    /// other, the larger of the two counts. Each such scalar must be deleted or substituted
    /// (or, the other way, inserted or substituted), one edit each; a swap of neighbours
    /// removes none. Scalars are looked for by a 64-bit mask of `scalar % 64`: one that shares
    /// a bit with the other text is taken as present, which only lowers the bound.
    static func absentScalars(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>) -> Int {
        func mask(_ text: UnsafeBufferPointer<UInt32>) -> UInt64 {
            var mask: UInt64 = 0
            for scalar in text { mask |= 1 << (scalar & 63) }
            return mask
        }
        func absent(_ text: UnsafeBufferPointer<UInt32>, from mask: UInt64) -> Int {
            var count = 0
            for scalar in text where mask & (1 << (scalar & 63)) == 0 { count += 1 }
            return count
        }
        return max(absent(a, from: mask(b)), absent(b, from: mask(a)))
    }

    private static func banded<T: Equatable>(
        _ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, limit: Int, width: Int, rows: UnsafeMutablePointer<Int>
    ) -> Int? {
        let infinity = limit + 1
        var before = rows
        var previous = rows + width
        var current = rows + 2 * width
        for j in 0..<width {
            before[j] = infinity
            previous[j] = j <= limit ? j : infinity
        }
        for i in 1...a.count {
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            // Only the band and its edges are read by the next row.
            for j in max(0, low - 1)...min(b.count, high + 1) { current[j] = infinity }
            if i <= limit { current[0] = i }
            var rowBest = i <= limit ? i : infinity
            if low <= high {
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                        value = min(value, before[j - 2] + 1)
                    }
                    current[j] = min(value, infinity)
                    rowBest = min(rowBest, current[j])
                }
            }
            if rowBest > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}
