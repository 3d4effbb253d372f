/// A person's name as the words it is made of, to find it inside another entry's name: "Lee
/// Walker (work)", "Mr Lee Walker", "Lee Walker, work mobile", "Walker, Lee (work)", "Lee J
/// Walker" — and, for a name given with a middle name, "Lee Walker" — are second entries for
/// Lee Walker, so whoever is kept from Lee is kept from them. Only names of two words or more:
/// a first name alone is inside too many others. The words must stand as a name stands (in
/// order, or surname first before a comma): "Walker Lee" is another person. A professional's
/// entry is never held to be one (`PlanPeople`).
struct FullName: Sendable {
    let words: [String]

    init?(_ name: String) {
        let words = RedFlagMatcher.words(of: name).map(String.init)
        guard words.count >= 2 else { return nil }
        self.words = words
    }

    /// Whether another name, not this one word for word, holds this one.
    func isWithin(_ other: String) -> Bool {
        let others = RedFlagMatcher.words(of: other).map(String.init)
        guard others != words, let first = words.first, let last = words.last else { return false }
        // In order, with more around it: "Mr Lee Walker", "Lee Walker (work)".
        if others.count > words.count, Self.contains(others, words) { return true }
        // Surname first, then a comma: "Walker, Lee", "Walker, Lee (work)".
        if words.count == 2, others.count >= 2, others[0] == last, others[1] == first,
            let comma = other.firstIndex(of: ","), other[..<comma].split(whereSeparator: \.isWhitespace).count == 1
        {
            return true
        }
        // One middle name or initial between: "Lee J Walker", "Lee James Walker".
        if words.count == 2, others.count >= 3,
            others.indices.dropLast(2).contains(where: { others[$0] == first && others[$0 + 2] == last })
        {
            return true
        }
        // This name has a middle name; the other gives first name and surname only.
        if words.count >= 3, Self.contains(others, [first, last]) { return true }
        return false
    }

    private static func contains(_ others: [String], _ words: [String]) -> Bool {
        guard others.count >= words.count else { return false }
        return (0...(others.count - words.count)).contains { start in
            words.indices.allSatisfy { others[start + $0] == words[$0] }
        }
    }
}
