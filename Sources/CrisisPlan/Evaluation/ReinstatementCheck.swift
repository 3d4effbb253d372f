/// Whether a reinstatement's `by` can be the professional who decided (SPEC v3 §10.14: "a
/// professional decides, on the record"). Free text cannot prove who someone is, but it can
/// show who they are not: the person reinstated, the person whose plan it is, anyone else in
/// the plan who is not one of its professionals — by full name, first name, surname, id,
/// relation or a look-alike — family words, and text that names no one. Each is refused with
/// what to write instead; a false refusal costs the professional one line of typing, a false
/// acceptance puts someone said to cause harm back on the route.
struct ReinstatementCheck {
    let context: EvaluationContext

    /// Words that say a relative, a friend or the person themselves decided.
    static let familyWords: Set<String> = [
        "me", "myself", "self", "himself", "herself", "themselves", "themself", "mum", "mom", "mother", "dad", "father",
        "parent", "parents", "partner", "husband", "wife", "boyfriend", "girlfriend", "fiance", "fiancee", "son", "daughter",
        "brother", "sister", "aunt", "auntie", "uncle", "nan", "nana", "gran", "granny", "grandma", "grandmother", "grandad",
        "grandfather", "cousin", "friend", "neighbour", "neighbor", "patient", "client",
    ]

    /// The problem with `by`, or nil when it may name a professional. `reinstated`: the
    /// entries of `PlanPeople` being reinstated.
    func problem(by: String, reinstated: [Int]) -> String? {
        let people = context.people
        // A professional of the plan, named as the plan names them, decides.
        if let named = people.resolve(by)?.entries, !named.isEmpty {
            if let entry = named.first(where: reinstated.contains) {
                return "'by' names \(people.entries[entry].name), the person being reinstated; write the professional who decided"
            }
            if named.contains(where: { people.entries[$0].professional }) { return nil }
            return notProfessional(people.entries[named[0]].name)
        }
        let words = Set(RedFlagMatcher.words(of: by).map { $0.lowercased() })
            .union((RedFlagMatcher.looseWords(of: by) ?? []).map { $0.lowercased() })
        let letters = String(by.lowercased().filter(\.isLetter))
        guard letters.count >= 2, !["na", "none", "unknown", "tbc", "nil", "theperson"].contains(letters) else {
            return "'by' does not say who decided; write the professional's name and role"
        }
        let person = context.plan.person
        if TextNormalizer.normalize(by) == TextNormalizer.normalize(person.name) {
            return "'by' names \(person.name), whose plan this is; a professional decides, on the record: write who decided"
        }
        // Reinstated people first, then whoever else the plan lists who is not a professional.
        let order = reinstated + people.entries.indices.filter { !reinstated.contains($0) && !people.entries[$0].professional }
        for entry in order where !words.isDisjoint(with: Self.namingWords(of: people.entries[entry], relation: relation(of: entry))) {
            return reinstated.contains(entry)
                ? "'by' names \(people.entries[entry].name), the person being reinstated; write the professional who decided"
                : notProfessional(people.entries[entry].name)
        }
        if !words.isDisjoint(with: Self.nameWords(person.name) + [person.id.lowercased()]) {
            return "'by' names \(person.name), whose plan this is; a professional decides, on the record: write who decided"
        }
        if let word = words.first(where: Self.familyWords.contains) {
            return "'by' reads as family, a friend or the person ('\(word)'); write the professional who decided"
        }
        return nil
    }

    private func notProfessional(_ name: String) -> String {
        "'by' names \(name), who is not one of \(context.plan.person.name)'s professionals; write the professional who decided"
    }

    /// The relation the plan gives a contact or do-not-contact entry, if any.
    private func relation(of entry: Int) -> String? {
        let contacts = context.plan.contacts
        if entry < contacts.count { return contacts[entry].relation }
        let listed = context.plan.doNotContact
        return entry - contacts.count < listed.count ? listed[entry - contacts.count].relation : nil
    }

    /// The words that name an entry: each word of its name of two letters or more, its id,
    /// and the telling words of its relation ("partner", "father").
    private static func namingWords(of entry: PlanPeople.Entry, relation: String?) -> [String] {
        nameWords(entry.name) + (entry.id.map { [$0.lowercased()] } ?? [])
            + (relation.map { RedFlagMatcher.words(of: $0).map { $0.lowercased() }.filter { $0.count >= 3 && $0 != "the" } } ?? [])
    }

    private static func nameWords(_ name: String) -> [String] {
        RedFlagMatcher.words(of: name).map { $0.lowercased() }.filter { $0.count >= 2 }
    }
}
