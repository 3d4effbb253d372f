/// Everyone a `source_of_harm` fact has named in any observation up to now (SPEC v3 §10.1):
/// withheld for the rest of the timeline whether or not any flag fires, until a professional
/// reinstates them. Worked out once per evaluation, before the stage, because `route_open`
/// reads the route without them.
struct SourceOfHarmWithholding {
    struct Person {
        /// The entry of `PlanPeople`.
        var entry: Int
        /// The fact's position in the policy.
        var fact: Int
        var namedAt: Timestamp
        var source: SourceLocation
    }

    /// In the order they were first named.
    let people: [Person]
    private let ids: Set<String>
    private let skeletons: Set<String>
    /// Their phone numbers (`PhoneNumber.keys`): an entry that shares one reaches them.
    private let phones: Set<String>

    /// Takes who the timeline's facts named, alone: the whole state passed by value is a copy
    /// of each of its fields, on every evaluation.
    init(namings: [Int: TimelineState.Namings], context: EvaluationContext) {
        var people: [Person] = []
        for fact in context.policy.sourceOfHarmFacts {
            for naming in namings[fact]?.named ?? [] where !people.contains(where: { $0.entry == naming.entry }) {
                people.append(Person(entry: naming.entry, fact: fact, namedAt: naming.at, source: naming.source))
            }
        }
        if context.policy.sourceOfHarmFacts.count > 1 {
            people = people.enumerated().sorted { ($0.element.namedAt, $0.offset) < ($1.element.namedAt, $1.offset) }
                .map(\.element)
        }
        self.people = people
        // With their second entries ("Lee Walker (work)"), found when the plan was read.
        let named = people.map(\.entry)
        let entries = (named + named.flatMap { context.people.secondEntries[$0] }).map { context.people.entries[$0] }
        ids = Set(entries.compactMap(\.id))
        skeletons = Set(entries.flatMap { [$0.skeleton, $0.undisguised] })
        phones = Set(entries.flatMap(\.phoneKeys))
    }

    var isEmpty: Bool { people.isEmpty }

    /// Whether someone (by id, or by a name that looks the same) is withheld.
    func contains(id: String?, name: String, context: EvaluationContext) -> Bool {
        guard !people.isEmpty else { return false }
        if let id, ids.contains(id) { return true }
        return skeletons.contains(context.skeleton(of: name)) || context.undisguised(of: name).map(skeletons.contains) == true
    }

    /// As above, for a line of a route: also when it is not a professional's and shares the
    /// phone number of someone withheld (a second entry for the same phone).
    func contains(_ line: ContactLine, context: EvaluationContext) -> Bool {
        if contains(id: line.id, name: line.name, context: context) { return true }
        guard !phones.isEmpty, !line.professional else { return false }
        return line.phoneKeys.contains(where: phones.contains)
    }
}
