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
        "me", "myself", "self", "himself", "herself", "themselves", "themself", "us", "we", "mum", "mom", "mummy",
        "mother", "dad", "daddy", "father", "stepdad", "stepfather", "stepmum", "stepmother", "parent", "parents", "partner",
        "husband", "hubby", "wife", "spouse", "boyfriend", "girlfriend", "bf", "gf", "ex", "fiance", "fiancee", "son",
        "daughter", "aunt", "auntie", "aunty", "uncle", "nan", "nana", "gran", "granny", "grandma", "grandmother", "grandad",
        "grandfather", "cousin", "friend", "neighbour", "neighbor", "family", "carer", "half",
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
        // As typed, read loosely (spaced letters, symbols), and with ASCII disguises undone (`WaIker`).
        let readings = [
            RedFlagMatcher.words(of: by).map(String.init), (RedFlagMatcher.looseWords(of: by) ?? []).map(String.init),
            RedFlagMatcher.words(of: ConfusableSkeleton.undoingDisguises(by)).map(String.init),
        ]
        let words = Set(readings.joined())
        let letters = String(by.lowercased().filter(\.isLetter))
        guard letters.count >= 2,
            !["na", "nk", "none", "unknown", "notknown", "tbc", "nil", "theperson", "someone", "noone", "nobody", "staff", "unknownperson"]
                .contains(letters)
        else {
            return "'by' does not say who decided; write the professional's name and role"
        }
        let person = context.plan.person
        if TextNormalizer.normalize(by) == TextNormalizer.normalize(person.name) {
            return "'by' names \(person.name), whose plan this is; a professional decides, on the record: write who decided"
        }
        // Reinstated people first, then whoever else the plan lists who is not a professional.
        let order = reinstated + people.entries.indices.filter { !reinstated.contains($0) && !people.entries[$0].professional }
        for entry in order where readings.contains(where: { Self.names(people.entries[entry], relation: relation(of: entry), in: $0) }) {
            return reinstated.contains(entry)
                ? "'by' names \(people.entries[entry].name), the person being reinstated; write the professional who decided"
                : notProfessional(people.entries[entry].name)
        }
        let personEntry = PlanPeople.Entry(
            id: person.id, name: person.name, nameKey: "", skeleton: "", undisguised: "", onDoNotContactList: false)
        if readings.contains(where: { Self.names(personEntry, relation: nil, in: $0) }) {
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

    /// Titles that say a private person, before a surname ("Mr Walker").
    static let titles: Set<String> = ["mr", "mrs", "ms", "miss", "mx"]

    /// Whether the words of `by` name an entry: its whole name; its first name first (after a
    /// title: "Lee (his own request)", "Lee W"); its surname alone or after a title ("Walker",
    /// "Mr Walker") — but not a surname after a professional's title or first name ("Nurse
    /// Kemp", "Dr Amy Lee" are someone else); its id; or a telling word of its relation
    /// ("partner", "aunt").
    private static func names(_ entry: PlanPeople.Entry, relation: String?, in words: [String]) -> Bool {
        guard !words.isEmpty else { return false }
        let name = RedFlagMatcher.words(of: entry.name).map(String.init)
        if FullName(entry.name)?.isWithin(words.joined(separator: " ")) == true || words == name { return true }
        let start = titles.contains(words[0]) ? 1 : 0
        if let first = name.first, start < words.count, words[start] == first, first.count >= 2 { return true }
        // The surname alone, after a title, or after the first name's initial ("L. Walker").
        if name.count >= 2, let surname = name.last, surname.count >= 2,
            words == [surname] || (start == 1 && words.count > 1 && words[1] == surname)
                || (words.count >= 2 && words[0].count == 1 && words[0].first == name[0].first && words[1] == surname)
        {
            return true
        }
        if let id = entry.id.map(TextNormalizer.normalize), start < words.count, words[start] == id || words == [id] { return true }
        let telling = relation.map { RedFlagMatcher.words(of: $0).map(String.init).filter { $0.count >= 3 && !SignSuggester.stopWords.contains($0) } } ?? []
        return telling.contains(where: words.contains)
    }

}
