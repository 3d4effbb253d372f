/// "Did you mean …?" for a misspelt key, id or name: the closest candidates by edit distance.
///
/// Distances are bounded: texts further apart in length than the limit are never compared,
/// and the comparison stops as soon as the limit is passed, so a hostile file full of long,
/// different ids costs time linear in its size, not quadratic memory.
enum Suggestion {
    /// The candidate nearest to `word`, if it is close enough to be a plausible typo
    /// (at most a third of the word's length in edits, and at least one).
    static func closest(to word: String, in candidates: [String]) -> String? {
        ranked(word, in: candidates, limit: 1).first
    }

    /// Up to `limit` candidates close to `word`, nearest first, ties in the order given: those
    /// within a third of the word's length in edits (at least one), then those that hold the
    /// word, case aside, or that the word holds.
    static func ranked(_ word: String, in candidates: [String], limit: Int) -> [String] {
        let wanted = Array(word.lowercased().unicodeScalars)
        let bound = max(1, wanted.count / 3)
        var scratch = BoundedEditDistance()
        var near: [(candidate: String, distance: Int)] = []
        var containing: [String] = []
        let lowered = word.lowercased()
        for candidate in candidates.prefix(100_000) {
            let other = Array(candidate.lowercased().unicodeScalars)
            if let distance = scratch.distance(wanted, other, limit: bound) {
                near.append((candidate, distance))
            } else if lowered.count >= 3, candidate.count < 200,
                candidate.lowercased().contains(lowered) || lowered.contains(candidate.lowercased())
            {
                containing.append(candidate)
            }
        }
        var result: [String] = []
        for (candidate, _) in near.enumerated().sorted(by: { ($0.element.distance, $0.offset) < ($1.element.distance, $1.offset) }).map(\.element)
        where !result.contains(candidate) {
            result.append(candidate)
        }
        for candidate in containing where !result.contains(candidate) { result.append(candidate) }
        return Array(result.prefix(limit))
    }

    /// `; did you mean 'x'?` or, without a close match, `; expected one of: a, b, c` (at most
    /// five listed, so that a library of thousands never prints them all).
    static func hint(for word: String, in candidates: [String], listing label: String = "expected one of") -> String {
        if let match = closest(to: word, in: candidates) {
            return "; did you mean '\(match)'?"
        }
        var distinct: [String] = []
        var seen: Set<String> = []
        for candidate in candidates where seen.insert(candidate).inserted { distinct.append(candidate) }
        guard !distinct.isEmpty else { return "" }
        let shown = distinct.prefix(20).joined(separator: ", ")
        return "; \(label): " + shown + (distinct.count > 20 ? ", and \(distinct.count - 20) more" : "")
    }

    /// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        var scratch = BoundedEditDistance()
        return scratch.distance(a, b, limit: max(a.count, b.count)) ?? max(a.count, b.count)
    }
}
