/// What evaluation needs of a plan that does not depend on the policy: sign matching and
/// suggestions, everyone the plan names with their confusable skeletons, who each response
/// names, and the do-not-contact screen.
///
/// The costly part of preparing a person (Unicode normalisation, confusable skeletons, the
/// words of every response) is here, so that the service, when only the policy changes, keeps
/// it for every plan whose file did not change: the old and new libraries then share it
/// rather than holding two copies, and a reload does not work it out again.
public final class PreparedPlan: Sendable {
    public let plan: Plan
    let matcher: SignMatcher
    let suggester: SignSuggester
    /// Everyone the plan names, for `contact` facts.
    let people: PlanPeople
    /// Each sign's id, by its position in the plan.
    let signIds: [String]
    /// The do-not-contact ids, normalised (`mark-taylor` is `mark_taylor` is `Mark Taylor`)
    /// and as confusable skeletons (`mаrk`, with a Cyrillic `а`, is `mark`): see `idKey`; and
    /// the ids of contacts who share a phone number with a blocked contact, or whose name holds
    /// a do-not-contact name (`PlanPeople.secondEntries`).
    let blockedIds: Set<String>
    /// Both looks of the do-not-contact names: a name that looks like one of them (case,
    /// spacing, invisible characters, look-alike letters or ASCII disguises aside) is blocked too.
    let blockedNames: Set<String>
    /// Skeletons of every name the plan uses, computed once.
    let skeletons: [String: String]
    /// The other look of each name the plan uses whose ASCII disguises undo to something else
    /// (`ConfusableSkeleton.undisguised`); most names have none.
    let undisguised: [String: String]
    /// The entries of `people` each response's text names, by the text.
    let mentions: [String: [Int]]

    /// How an id is looked up in `blockedIds`: an ASCII id normalised, any other by its
    /// confusable skeleton — a look-alike letter in an id is as much a disguise as in a name,
    /// and ASCII ids, the usual ones, need no call to ICU.
    static func idKey(_ id: String) -> String {
        id.utf8.allSatisfy { $0 < 0x80 } ? TextNormalizer.normalize(id) : ConfusableSkeleton.of(id)
    }

    /// A name's looks, from the tables when the plan uses it.
    static func looks(_ name: String, _ skeletons: [String: String], _ undisguised: [String: String]) -> [String] {
        guard let skeleton = skeletons[name] else { return ConfusableSkeleton.looks(of: name) }
        return undisguised[name].map { [skeleton, $0] } ?? [skeleton]
    }

    /// The keys a do-not-contact id is kept under, so that `idKey` of any spelling of it finds it.
    static func blockedKeys(_ id: String) -> [String] {
        [TextNormalizer.normalize(id), ConfusableSkeleton.of(id)]
    }

    public init(_ plan: Plan) {
        self.plan = plan
        matcher = SignMatcher(signs: plan.signs)
        suggester = SignSuggester(signs: plan.signs, matcher: matcher)
        let people = PlanPeople(plan: plan)
        self.people = people
        signIds = plan.signs.map(\.id)
        var blockedIds = Set(plan.doNotContact.compactMap(\.id).flatMap(Self.blockedKeys))
        var skeletons: [String: String] = [:]
        var undisguised: [String: String] = [:]
        for entry in people.entries where skeletons[entry.name] == nil {
            skeletons[entry.name] = entry.skeleton
            if entry.undisguised != entry.skeleton { undisguised[entry.name] = entry.undisguised }
        }
        self.skeletons = skeletons
        self.undisguised = undisguised
        // Both looks of each do-not-contact name: a name that looks like either is blocked.
        let blockedNames = Set(plan.doNotContact.flatMap { [skeletons[$0.name], undisguised[$0.name]].compactMap { $0 } })
        // A contact whose name holds a do-not-contact name ("Mark Taylor (Dad)") is that person.
        for listed in people.entries.indices where people.entries[listed].onDoNotContactList {
            for second in people.secondEntries[listed] {
                if let id = people.entries[second].id { blockedIds.formUnion(Self.blockedKeys(id)) }
            }
        }
        // A phone number reaches a person: an entry that shares the number of a contact on the
        // do-not-contact list is that person (a professional's shared switchboard aside).
        let blockedPhones = Set(
            plan.contacts.filter { contact in
                blockedIds.contains(Self.idKey(contact.id))
                    || Self.looks(contact.name, skeletons, undisguised).contains(where: blockedNames.contains)
            }.flatMap { PhoneNumber.keys($0.phone) })
        for contact in plan.contacts where !contact.professional {
            if PhoneNumber.keys(contact.phone).contains(where: blockedPhones.contains) {
                blockedIds.formUnion(Self.blockedKeys(contact.id))
            }
        }
        self.blockedIds = blockedIds
        self.blockedNames = blockedNames
        let names = NameMentions(people: people, personName: plan.person.name)
        var mentions: [String: [Int]] = [:]
        for response in plan.responses.flatMap(\.responses) where mentions[response.action] == nil {
            mentions[response.action] = names.entries(namedIn: response.action)
        }
        self.mentions = mentions
    }
}
