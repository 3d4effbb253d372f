/// Finds which of a person's signs an observed text means (SPEC §3 "Sign matching"): the
/// text, normalised, equals a sign's id, its `says`, or one of its `also` entries.
struct SignMatcher: Sendable {
    private let index: [String: Int]

    init(signs: [EarlyWarningSign]) {
        var index: [String: Int] = [:]
        for (position, sign) in signs.enumerated() {
            for text in [sign.id, sign.says] + sign.also {
                let key = TextNormalizer.normalize(text)
                if index[key] == nil { index[key] = position }
            }
        }
        self.index = index
    }

    /// The position of the sign in the plan, or `nil` when the text matches none.
    func match(_ text: String) -> Int? {
        index[text] ?? index[TextNormalizer.normalize(text)]
    }
}
