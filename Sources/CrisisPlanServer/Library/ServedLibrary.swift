import CrisisPlan

/// One loaded library, never changed once built: a reload builds another and swaps it in, so
/// a request that started on this one finishes on it (SPEC v2 §9).
final class ServedLibrary: Sendable {
    let rules: RulesDirectory
    let policy: Policy
    /// By id, in id order.
    let people: [ServedPerson]
    let version: String
    let loadedAt: Timestamp
    /// Every plan whose file now fails its checks, served from an older version or not at all.
    let stalePlans: [StalePlan]
    /// Warnings `check` gives on the loaded library (the start-up line counts them).
    let warningCount: Int
    /// The policy files' digest: a new one re-makes every evaluator at the next reload.
    let policyVersion: String
    private let positions: [String: Int]
    /// `system|value` (value without spaces and hyphens) → positions, and the value alone.
    private let identified: [String: [Int]]

    init(
        rules: RulesDirectory, policy: Policy, people: [ServedPerson], version: String, loadedAt: Timestamp,
        stalePlans: [StalePlan], warningCount: Int, policyVersion: String
    ) {
        self.rules = rules
        self.policy = policy
        self.people = people.sorted { $0.id < $1.id }
        self.version = version
        self.loadedAt = loadedAt
        self.stalePlans = stalePlans.sorted { $0.id < $1.id }
        self.warningCount = warningCount
        self.policyVersion = policyVersion
        positions = Dictionary(self.people.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var identified: [String: [Int]] = [:]
        for (position, person) in self.people.enumerated() {
            for identifier in person.plan.person.identifiers {
                identified[identifier.system + "|" + identifier.key, default: []].append(position)
                identified["|" + identifier.key, default: []].append(position)
            }
        }
        self.identified = identified
    }

    /// The person PERSON means, as the command line finds them (§8): an id in any case, else
    /// a name held by exactly one person; else bad input with at most five suggestions.
    func person(_ typed: String) throws(BadInput) -> ServedPerson {
        if let position = positions[typed] { return people[position] }
        // A plan that fails its checks still owns its id: never fall through to a name.
        if let unserved = stalePlans.first(where: { !$0.served && $0.id.lowercased() == typed.lowercased() }) {
            throw BadInput(
                "error: the plan for '\(unserved.id)' has errors and is not served; an admin can read them at GET /v1/admin/status",
                suggestions: [unserved.id])
        }
        let index = try PersonFinder.find(
            typed, ids: people.map(\.id), name: { self.people[$0].plan.person.name },
            identifiers: { self.people[$0].plan.person.identifiers.map { ($0.system, $0.key) } }, folder: rules.peopleFolder)
        return people[index]
    }

    /// The people holding an identifier: of this system when one is given, else of any system.
    /// Only identifiers — never an id or a name — so a record system's number cannot match
    /// someone by accident.
    func people(withIdentifier system: String?, value: String) -> [ServedPerson] {
        let key = Person.Identifier.key(value)
        guard !key.isEmpty else { return [] }
        return Set(identified[(system ?? "") + "|" + key] ?? []).sorted().map { people[$0] }
    }

    /// What a search finds: the people whose id or name holds every word of `query` (in any
    /// order, normalised), with the one PERSON would find (by id, identifier or name) first, in natural order of id
    /// (`robin2` before `robin10`), at most `limit` of `total`; when none, the near misses
    /// (`Sma Tailor` → Sam Taylor).
    struct Found: Sendable {
        var people: [ServedPerson]
        var total: Int
        var nearMisses: [ServedPerson]
        /// When the query is an identifier more than one plan holds: PERSON's error for it.
        var sharedIdentifier: String?
    }

    func search(_ query: String, limit: Int = 20) -> Found {
        let words = TextNormalizer.normalize(query).split(separator: " ").map(String.init)
        var matches = words.isEmpty
            ? people
            : people.filter { person in
                let id = TextNormalizer.normalize(person.id)
                let name = TextNormalizer.normalize(person.plan.person.name)
                return words.allSatisfy { id.contains($0) || name.contains($0) }
            }
        matches.sort { NaturalOrder.precedes($0.id, $1.id) }
        // Whoever PERSON finds comes first, found or not by the words: an NHS number, typed
        // with or without its spaces or system, is in no one's id or name. An identifier two
        // plans hold finds no one by it (either could be the wrong person), and PERSON's error,
        // naming both, says why.
        var sharedIdentifier: String?
        do throws(BadInput) {
            let exact = try person(query)
            matches.removeAll { $0.id == exact.id }
            matches.insert(exact, at: 0)
        } catch {
            let bar = query.lastIndex(of: "|")
            let holders = people(
                withIdentifier: bar.map { String(query[..<$0]) },
                value: bar.map { String(query[query.index(after: $0)...]) } ?? query)
            if holders.count > 1 {
                sharedIdentifier = error.message
                matches.removeAll { person in holders.contains { $0.id == person.id } }
            }
        }
        var nearMisses: [ServedPerson] = []
        if matches.isEmpty, !words.isEmpty, sharedIdentifier == nil {
            let candidates = people.flatMap { [$0.id, $0.plan.person.name] }
            for candidate in Suggestion.nearest(query, in: candidates, limit: 10) {
                guard let owner = people.first(where: { $0.id == candidate || $0.plan.person.name == candidate }),
                    !nearMisses.contains(where: { $0.id == owner.id })
                else { continue }
                nearMisses.append(owner)
                if nearMisses.count == 5 { break }
            }
        }
        return Found(
            people: Array(matches.prefix(limit)), total: matches.count, nearMisses: nearMisses,
            sharedIdentifier: sharedIdentifier)
    }
}
