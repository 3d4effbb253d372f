/// One person's plan prepared against a policy: everything evaluation looks up, built once.
///
/// A class, immutable after `init`, so that passing it around the evaluation costs one
/// reference count rather than a copy of the whole plan.
public final class EvaluationContext: Sendable {
    public let policy: CompiledPolicy
    public let plan: Plan
    let matcher: SignMatcher
    /// Each sign's stage rank, by the sign's position in the plan.
    let signRanks: [Int]
    let blockedIds: Set<String>
    let blockedNames: Set<String>

    public init(policy: CompiledPolicy, plan: Plan) {
        self.policy = policy
        self.plan = plan
        matcher = SignMatcher(signs: plan.signs)
        signRanks = plan.signs.map { policy.stageRank[$0.stage] ?? 0 }
        blockedIds = Set(plan.doNotContact.compactMap(\.id))
        blockedNames = Set(plan.doNotContact.map { TextNormalizer.normalize($0.name) })
    }

    /// Whether an id is one of the plan's contacts or do-not-contact entries.
    func knowsPerson(_ id: String) -> Bool {
        plan.contacts.contains { $0.id == id } || blockedIds.contains(id)
    }

    /// Whether someone is on the do-not-contact list, by id or by normalised name.
    func isBlocked(id: String?, name: String) -> Bool {
        if let id, blockedIds.contains(id) { return true }
        return blockedNames.contains(TextNormalizer.normalize(name))
    }
}
