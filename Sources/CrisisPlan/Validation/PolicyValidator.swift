/// Checks that everything a policy refers to is declared: stages, facts and enum values in
/// conditions, `raise_to` stages, fact defaults, and the fact a flag withholds by.
struct PolicyValidator {
    let policy: Policy
    private(set) var diagnostics: [Diagnostic] = []

    init(policy: Policy) {
        self.policy = policy
    }

    mutating func validate() {
        for fact in policy.facts {
            if let value = fact.defaultValue, case .failure(let problem) = fact.value(of: value.text) {
                error("default: " + problem.message, value.source)
            }
        }
        for rule in policy.escalation {
            check(rule.when)
            stage(rule.raiseTo, rule.raiseToSource)
        }
        for flag in policy.flags {
            check(flag.when)
            if let raiseTo = flag.effects.raiseTo, let source = flag.effects.raiseToSource {
                stage(raiseTo, source)
            }
            if let factId = flag.effects.withholdContactNamedBy, let source = flag.effects.withholdSource {
                if let fact = declaredFact(factId, source), fact.kind != .contact {
                    error(
                        "'withhold_contact_named_by' needs a fact of type contact; fact '\(factId)' is \(fact.typeName)",
                        source)
                }
            }
        }
    }

    private mutating func check(_ condition: Condition) {
        switch condition {
        case .all(let items, _), .any(let items, _):
            for item in items { check(item) }
        case .not(let inner, _):
            check(inner)
        case .stage(let condition):
            stage(condition.stage, condition.stageSource)
        case .signs(let condition):
            if let id = condition.stage, let source = condition.stageSource { stage(id, source) }
        case .capacity:
            break
        case .fact(let condition):
            guard let fact = declaredFact(condition.fact, condition.factSource) else { return }
            if condition.comparator == .atLeast || condition.comparator == .atMost, case .enumeration = fact.kind {
            } else if condition.comparator == .atLeast || condition.comparator == .atMost {
                error(
                    "'\(condition.comparator.rawValue)' compares enum values in their declared order; fact '\(fact.id)' is \(fact.typeName)",
                    condition.operands.first?.source ?? condition.source)
                return
            }
            for operand in condition.operands {
                if case .failure(let problem) = fact.value(of: operand.text) {
                    error(problem.message, operand.source)
                }
            }
        }
    }

    private mutating func declaredFact(_ id: String, _ source: SourceLocation) -> FactDeclaration? {
        if let fact = policy.fact(id) { return fact }
        let declared = policy.facts.map(\.id)
        error(
            "unknown fact '\(id)'; facts must be declared under 'facts'"
                + Suggestion.hint(for: id, in: declared, listing: "declared facts"),
            source)
        return nil
    }

    private mutating func stage(_ id: String, _ source: SourceLocation) {
        guard !policy.stages.isEmpty, policy.rank(ofStage: id) == nil else { return }
        error("unknown stage '\(id)'" + Suggestion.hint(for: id, in: policy.stages.map(\.id)), source)
    }

    private mutating func error(_ message: String, _ source: SourceLocation) {
        diagnostics.append(.error(message, at: source))
    }
}
