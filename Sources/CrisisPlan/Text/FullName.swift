/// A person's name as the words it is made of, to find it inside another entry's name: "Lee
/// Walker (work)", "Mr Lee Walker" and "Lee Walker, work mobile" are second entries for Lee
/// Walker, so whoever is kept from Lee is kept from them. Only names of two words or more: a
/// first name alone is inside too many others.
struct FullName: Sendable {
    let words: [String]

    init?(_ name: String) {
        let words = RedFlagMatcher.words(of: name).map(String.init)
        guard words.count >= 2 else { return nil }
        self.words = words
    }

    /// Whether another name holds this one, word for word, in order.
    func isWithin(_ other: String) -> Bool {
        let others = RedFlagMatcher.words(of: other)
        guard others.count > words.count else { return false }
        return (0...(others.count - words.count)).contains { start in
            words.indices.allSatisfy { others[start + $0] == words[$0] }
        }
    }
}
