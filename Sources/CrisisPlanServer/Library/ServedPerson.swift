import CrisisPlan

/// One person as the service holds them: the plan that last passed its checks, ready to
/// evaluate, and what its file held then (to tell an edited plan from one the policy broke).
struct ServedPerson: Sendable {
    var id: String
    var plan: Plan
    var evaluator: Evaluator
    var fileDigest: String
    /// When this version was loaded: the time a stale warning names.
    var loadedAt: Timestamp
    /// Set while the file on disk fails its checks and this older version is served.
    var stale: StalePlan?
}
