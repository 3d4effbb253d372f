import CrisisPlan

/// One person as the service holds them: the plan that last passed its checks, ready to
/// evaluate, and the very text it was read from (to tell an edited plan from one the policy
/// broke, and to check the served version again under a new policy).
struct ServedPerson: Sendable {
    var id: String
    var plan: Plan
    var evaluator: Evaluator
    var source: SourceFile
    /// What reading the file found before any policy check: with `plan`, all a new policy
    /// needs to check this version again without reading its text.
    var decodeDiagnostics: [Diagnostic]
    var fileDigest: String
    /// Warnings `check` gave this version.
    var warningCount: Int
    /// When this version was loaded: the time a stale warning names.
    var loadedAt: Timestamp
    /// Set while the file on disk fails its checks and this older version is served.
    var stale: StalePlan?
}
