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
    }

    /// The person PERSON means, as the command line finds them (§8): an id in any case, else
    /// a name held by exactly one person; else bad input with at most five suggestions.
    func person(_ typed: String) throws(BadInput) -> ServedPerson {
        if let position = positions[typed] { return people[position] }
        // A plan that fails its checks still owns its id: never fall through to a name.
        if let unserved = stalePlans.first(where: { !$0.served && $0.id.lowercased() == typed.lowercased() }) {
            throw BadInput(
                "error: the plan for '\(unserved.id)' has errors and is not served; its errors are listed in /readyz",
                suggestions: [unserved.id])
        }
        let index = try PersonFinder.find(
            typed, ids: people.map(\.id), name: { self.people[$0].plan.person.name }, folder: rules.peopleFolder)
        return people[index]
    }

    /// People whose id or name holds `query`, both normalised (SPEC §3), at most `limit`.
    func search(_ query: String, limit: Int = 20) -> [ServedPerson] {
        let wanted = TextNormalizer.normalize(query)
        guard !wanted.isEmpty else { return Array(people.prefix(limit)) }
        var found: [ServedPerson] = []
        for person in people
        where TextNormalizer.normalize(person.id).contains(wanted)
            || TextNormalizer.normalize(person.plan.person.name).contains(wanted)
        {
            found.append(person)
            if found.count == limit { break }
        }
        return found
    }
}
