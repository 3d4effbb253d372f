/// Everyone a plan names — its contacts, then its do-not-contact entries — for reading a
/// `contact` fact by id or by name (SPEC v2 §3 "Facts").
///
/// A value names every entry whose id or name normalises to it, and then every entry whose
/// name looks the same (the same confusable skeleton, UTS #39): one person listed twice (`lee` and `lee-work`, both "Lee
/// Walker") is one person to withholding, so naming either withholds both.
struct PlanPeople: Sendable {
    struct Entry: Sendable {
        /// `nil` for a do-not-contact entry without an id.
        var id: String?
        var name: String
        /// The normalised name.
        var nameKey: String
        /// The confusable skeleton of the name: entries that look alike are one person.
        var skeleton: String
        /// The name's look with ASCII disguises undone (`ConfusableSkeleton.undisguised`).
        var undisguised: String
        var onDoNotContactList: Bool
        /// A contact's numbers as `PhoneNumber.keys` reads them; none for a do-not-contact
        /// entry. The first apart, as `ContactLine` keeps it, so that most entries allocate
        /// nothing for it.
        var phoneKey: String? = nil
        var otherPhoneKeys: [String] = []
        var phoneKeys: [String] { (phoneKey.map { [$0] } ?? []) + otherPhoneKeys }
        var professional = false

        /// The skeletons a look-alike value is compared with: the name's as written, and the
        /// id's and the name's as normalised (`Lеe` with a Cyrillic е looks like the id `lee`).
        var lookAlikeSkeletons: [String] {
            [skeleton, ConfusableSkeleton.of(nameKey), undisguised]
                + (id.map { [ConfusableSkeleton.of(TextNormalizer.normalize($0))] } ?? [])
        }
    }

    /// The value that says the person is not in the plan: present, and names no one.
    static let someoneElse = "someone-else"

    let entries: [Entry]
    /// For each entry, the other entries (not professionals) whose names hold its name ("Lee
    /// Walker (work)" for Lee Walker, `FullName`): second entries for the same person, found
    /// once when the plan is read.
    let secondEntries: [[Int]]
    private let byKey: [String: [Int]]

    init(plan: Plan) {
        // Each name's two looks, the second from the first where no disguise is undone.
        func looks(_ name: String) -> (String, String) {
            let skeleton = ConfusableSkeleton.of(name)
            return (skeleton, ConfusableSkeleton.undisguised(name, plain: skeleton))
        }
        var entries = plan.contacts.map { contact in
            let (skeleton, undisguised) = looks(contact.name)
            let keys = PhoneNumber.keys(contact.phone)
            return Entry(
                id: contact.id, name: contact.name, nameKey: TextNormalizer.normalize(contact.name), skeleton: skeleton,
                undisguised: undisguised, onDoNotContactList: false, phoneKey: keys.first, otherPhoneKeys: Array(keys.dropFirst()),
                professional: contact.professional)
        }
        entries += plan.doNotContact.map { listed in
            let (skeleton, undisguised) = looks(listed.name)
            return Entry(
                id: listed.id, name: listed.name, nameKey: TextNormalizer.normalize(listed.name), skeleton: skeleton,
                undisguised: undisguised, onDoNotContactList: true)
        }
        let fullNames = entries.map { FullName($0.name) }
        secondEntries = entries.indices.map { owner in
            guard let name = fullNames[owner] else { return [] }
            // A professional's entry is a service ("Dr Lee, Walker Lane Surgery"), never a
            // second entry for someone in the person's life.
            return entries.indices.filter { $0 != owner && !entries[$0].professional && name.isWithin(entries[$0].name) }
        }
        var byKey: [String: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            for key in Set([entry.id.map(TextNormalizer.normalize), entry.nameKey].compactMap { $0 }) {
                byKey[key, default: []].append(index)
            }
        }
        self.entries = entries
        self.byKey = byKey
    }

    /// The entries a value names, in plan order: `[]` for `someone-else`, `nil` for a value
    /// that names no one in the plan (bad input). A value written as no one's id or name but
    /// looking like someone's name (the same confusable skeleton) names them only when
    /// `lookAlikes` is set — for a source of harm, where missing them would put the person at
    /// risk (SPEC v3 §10.14); `byLookAlike` then says so, for a warning.
    func resolve(_ text: String, lookAlikes allowed: Bool = true) -> (entries: [Int], byLookAlike: Bool)? {
        let key = TextNormalizer.normalize(text)
        if key == TextNormalizer.normalize(Self.someoneElse) { return ([], false) }
        let direct: [Int]
        var byLookAlike = false
        if let found = byKey[key] {
            direct = found
        } else if allowed, let found = lookAlikes(of: text) {
            direct = found
            byLookAlike = true
        } else {
            return nil
        }
        let looks = Set(direct.map { entries[$0].skeleton })
        return (entries.indices.filter { direct.contains($0) || looks.contains(entries[$0].skeleton) }, byLookAlike)
    }

    /// Entries whose id or name has the same confusable skeleton as the text (as written, or
    /// normalised), if any.
    private func lookAlikes(of text: String) -> [Int]? {
        let skeletons = Set([
            ConfusableSkeleton.of(text), ConfusableSkeleton.of(TextNormalizer.normalize(text)), ConfusableSkeleton.undisguised(text),
        ])
        let found = entries.indices.filter { entries[$0].lookAlikeSkeletons.contains(where: skeletons.contains) }
        return found.isEmpty ? nil : found
    }

    /// The error for a value that names no one: who was expected, how to say "not in the
    /// plan", and the closest people (`'lee' (Lee Walker)`).
    func unknownMessage(fact: String, value: String, personName: String) -> String {
        let near = suggestions(for: value).map { entry in
            entry.id.map { "'\($0)' (\(entry.name))" } ?? "'\(entry.name)'"
        }
        return "fact '\(fact)' names '\(value)', who is not among \(personName)'s contacts or do-not-contact list; "
            + "name them by id or name, or write someone-else for a person not in the plan"
            + (near.isEmpty ? "" : "; did you mean " + near.joined(separator: " or ") + "?")
    }

    /// The people whose id or name is closest to a value that names no one, closest first.
    func suggestions(for text: String, limit: Int = 5) -> [Entry] {
        var candidates: [String] = []
        var owners: [Int] = []
        for (index, entry) in entries.enumerated() {
            for candidate in [entry.id, entry.name].compactMap({ $0 }) {
                candidates.append(candidate)
                owners.append(index)
            }
        }
        var found: [Int] = []
        for candidate in Suggestion.nearest(text, in: candidates, limit: 2 * limit) {
            guard let position = candidates.firstIndex(of: candidate) else { continue }
            if !found.contains(owners[position]) { found.append(owners[position]) }
        }
        return found.prefix(limit).map { entries[$0] }
    }
}
