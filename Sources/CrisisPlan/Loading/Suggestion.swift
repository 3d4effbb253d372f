/// "Did you mean …?" for a misspelt key, id or name: the closest candidates by edit distance.
///
/// Distances are bounded: texts further apart in length than the limit are never compared,
/// and the comparison stops as soon as the limit is passed, so a hostile file full of long,
/// different ids costs time linear in its size, not quadratic memory.
public enum Suggestion {
    /// The candidate nearest to `word`, if it is close enough to be a plausible typo
    /// (at most a third of the word's length in edits, at least one and at most four).
    static func closest(to word: String, in candidates: [String]) -> String? {
        ranked(word, in: candidates, limit: 1).first
    }

    /// Up to `limit` candidates close to `word`, nearest first, ties in the order given: those
    /// within a third of the word's length in edits (at least one), then those that hold the
    /// word, case aside, or that the word holds.
    static func ranked(_ word: String, in candidates: [String], limit: Int) -> [String] {
        let wanted = Array(word.lowercased().unicodeScalars)
        // A typo is a few edits: more than four is not a suggestion, and the bound keeps the
        // comparison of two long, different ids linear (issue 9).
        let bound = max(1, min(4, wanted.count / 3))
        var scratch = BoundedEditDistance()
        var near: [(candidate: String, distance: Int, order: Int)] = []
        var containing: [String] = []
        let lowered = Array(word.lowercased().utf8)
        let looksForContainment = wanted.count >= 3 && wanted.count <= 200
        for (order, candidate) in candidates.prefix(100_000).enumerated() {
            let count = candidate.unicodeScalars.count
            if abs(count - wanted.count) <= bound {
                let other = Array(candidate.lowercased().unicodeScalars)
                if let distance = scratch.distance(wanted, other, limit: bound) {
                    near.append((candidate, distance, order))
                    continue
                }
            }
            if looksForContainment, count >= 3, count < 200 {
                let other = Array(candidate.lowercased().utf8)
                if holds(other, lowered) || holds(lowered, other) { containing.append(candidate) }
            }
        }
        var result: [String] = []
        for item in near.sorted(by: { ($0.distance, $0.order) < ($1.distance, $1.order) })
        where !result.contains(item.candidate) {
            result.append(item.candidate)
        }
        for candidate in containing where !result.contains(candidate) { result.append(candidate) }
        return Array(result.prefix(limit))
    }

    /// As `ranked`, but never empty when there are candidates: with nothing close enough to be
    /// a typo, the `limit` nearest by edit distance (on their first 32 characters, so a long
    /// hostile text costs no more than a short one). SPEC v2 asks for the closest ids and names
    /// whenever a person or contact names no one.
    public static func nearest(_ word: String, in candidates: [String], limit: Int) -> [String] {
        let close = ranked(word, in: candidates, limit: limit)
        guard close.isEmpty else { return close }
        let wanted = Array(word.lowercased().unicodeScalars.prefix(32))
        var scratch = BoundedEditDistance()
        var scored: [(candidate: String, distance: Int, order: Int)] = []
        for (order, candidate) in candidates.prefix(100_000).enumerated() {
            let other = Array(candidate.lowercased().unicodeScalars.prefix(32))
            let distance = scratch.distance(wanted, other, limit: 32) ?? 32
            scored.append((candidate, distance, order))
        }
        var result: [String] = []
        for item in scored.sorted(by: { ($0.distance, $0.order) < ($1.distance, $1.order) })
        where !result.contains(item.candidate) {
            result.append(item.candidate)
            if result.count == limit { break }
        }
        return result
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (both are short here; Foundation's
    /// search was most of the time spent on a file of many unknown keys).
    private static func holds(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// How many candidates a hint lists without a close match: every fact or key a policy is
    /// likely to declare, but never the thousands of a hostile file.
    private static let listed = 30

    /// `; did you mean 'x'?` or, without a close match, `; expected one of: a, b, c` (at most
    /// `listed` of them, so that a library of thousands never prints them all).
    static func hint(for word: String, in candidates: [String], listing label: String = "expected one of") -> String {
        hint(closest: closest(to: word, in: candidates), in: candidates, listing: label)
    }

    /// The same, with the closest candidate already found.
    static func hint(closest match: String?, in candidates: [String], listing label: String = "expected one of") -> String
    {
        if let match {
            return "; did you mean '\(match)'?"
        }
        var distinct: [String] = []
        var seen: Set<String> = []
        for candidate in candidates where seen.insert(candidate).inserted { distinct.append(candidate) }
        guard !distinct.isEmpty else { return "" }
        let shown = distinct.prefix(listed).joined(separator: ", ")
        return "; \(label): " + shown + (distinct.count > listed ? ", and \(distinct.count - listed) more" : "")
    }

    /// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        var scratch = BoundedEditDistance()
        return scratch.distance(a, b, limit: max(a.count, b.count)) ?? max(a.count, b.count)
    }
}
