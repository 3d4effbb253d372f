/// The policy with every diagnostic about it.
public struct PolicyLoad: Sendable {
    public var policy: Policy?
    public var sources: [SourceFile] = []
    public var diagnostics: [Diagnostic] = []

    /// The errors that stop answers (warnings and the few errors that do not are kept aside).
    public var blockingErrors: [Diagnostic] { diagnostics.filter(\.blocksAnswer) }

    /// The policy, when nothing in it stops an answer; otherwise bad input carrying every such
    /// error with the lines it points at — the one way `respond`, `show`, `test` and the
    /// service refuse a broken policy.
    public func usable() throws(BadInput) -> Policy {
        let errors = blockingErrors
        guard let policy, errors.isEmpty else { throw BadInput(errors, sources: sources) }
        return policy
    }

    /// The policy for `analyze`: as `usable()`, except that a condition naming something the
    /// policy does not declare is no reason to refuse — it is a condition that never holds,
    /// and `analyze` says so (`flag-never-fires`, `rule-never-fires`, `prompt-never-opens`).
    public func analyzable() throws(BadInput) -> Policy {
        let errors = blockingErrors.filter { !$0.conditionNamesNothing }
        guard let policy, errors.isEmpty else { throw BadInput(errors, sources: sources) }
        return policy
    }
}
