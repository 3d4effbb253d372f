/// A person's name as the words it is made of, to find it inside another entry's name: "Lee
/// Walker (work)", "Mr Lee Walker", "Lee Walker, work mobile", "Walker, Lee" and "Lee J Walker"
/// are second entries for Lee Walker, so whoever is kept from Lee is kept from them. Only
/// names of two words or more: a first name alone is inside too many others.
struct FullName: Sendable {
    let words: [String]

    init?(_ name: String) {
        let words = RedFlagMatcher.words(of: name).map(String.init)
        guard words.count >= 2 else { return nil }
        self.words = words
    }

    /// Whether another name holds every word of this one — in any order, with others around
    /// or between them (a surname written first, a middle initial) — and is not this name
    /// itself, word for word.
    func isWithin(_ other: String) -> Bool {
        var others = RedFlagMatcher.words(of: other).map(String.init)
        guard others.count >= words.count, others != words else { return false }
        for word in words {
            guard let found = others.firstIndex(of: word) else { return false }
            others.remove(at: found)
        }
        return true
    }
}
