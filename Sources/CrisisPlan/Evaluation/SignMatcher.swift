/// Finds which of a person's signs an observed text means (SPEC §3 "Sign matching"): the
/// text, normalised, equals a sign's id, its `says`, or one of its `also` entries.
struct SignMatcher: Sendable {
    private let table: TextIndex

    init(signs: [EarlyWarningSign]) {
        var pairs: [(String, Int)] = []
        for (position, sign) in signs.enumerated() {
            for text in [sign.id, sign.says] + sign.also {
                pairs.append((TextNormalizer.normalize(text), position))
            }
        }
        table = TextIndex(pairs)
    }

    func addStorage(to set: inout WorkingSet) { table.addStorage(to: &set) }

    /// The position of the sign in the plan, or `nil` when the text matches none.
    func match(_ text: String) -> Int? {
        if let found = table[text] { return found }
        let normalized = TextNormalizer.normalize(text)
        return normalized == text ? nil : table[normalized]
    }
}
