/// Checks that everything a policy refers to is declared: stages, facts and enum values in
/// conditions, `raise_to` stages, fact defaults, and the fact a flag withholds by.
struct PolicyValidator {
    let policy: Policy
    private(set) var diagnostics: [Diagnostic] = []

    init(policy: Policy) {
        self.policy = policy
    }

    mutating func validate() {
        if policy.decisions == nil, let first = policy.stages.first {
            diagnostics.append(
                .warning(
                    "decisions-not-declared: the policy declares no 'decisions', so any decision name is accepted in capacity assessments and a misspelt one counts for nothing; declare them (SPEC §3)",
                    at: first.source))
        }
        for fact in policy.facts {
            if let value = fact.defaultValue, case .failure(let problem) = fact.value(of: value.text) {
                error("default: " + problem.message, value.source)
            }
        }
        checkLanguage()
        checkQuestions()
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

    /// A prompt asks a declared fact that has a question (`asks`); a red flag points at a
    /// declared fact; consistency rules' conditions are checked as any condition.
    private mutating func checkQuestions() {
        for prompt in policy.prompts {
            if let fact = declaredFact(prompt.ask, prompt.askSource), fact.asks == nil {
                error(
                    "prompt '\(prompt.id)' asks fact '\(fact.id)', which has no 'asks' text; give the fact the question staff ask",
                    prompt.askSource)
            }
            if let when = prompt.when { check(when) }
        }
        for redFlag in policy.redFlags {
            if let fact = declaredFact(redFlag.ask, redFlag.askSource), fact.asks == nil {
                error(
                    "red flag '\(redFlag.id)' points at fact '\(fact.id)', which has no 'asks' text; give the fact the question staff ask",
                    redFlag.askSource)
            }
        }
        for rule in policy.consistency {
            check(rule.when)
            check(rule.expect)
        }
    }

    /// The policy's own staff-facing text (SPEC v2 §3): every flag's title, permits, guidance
    /// and what to record.
    private mutating func checkLanguage() {
        let check = LanguageCheck(rules: policy.language)
        for flag in policy.flags {
            for text in [flag.title] + [flag.permits].compactMap({ $0 }) + flag.guidance + flag.mustRecord {
                for rule in check.findings(in: text) {
                    diagnostics.append(
                        .warning(
                            "language: flag '\(flag.id)' says '\(rule.avoid)'; instead: \(rule.prefer)", at: flag.source))
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
            stage(condition.stage, condition.stageSource, inCondition: true)
        case .signs(let condition):
            if let id = condition.stage, let source = condition.stageSource { stage(id, source, inCondition: true) }
        case .capacity(let condition):
            guard let decision = condition.decision, let declared = policy.decisions,
                !declared.contains(where: { TextNormalizer.normalize($0.id) == TextNormalizer.normalize(decision) })
            else { return }
            error(
                "unknown decision '\(decision)'; capacity conditions name a decision declared under 'decisions'"
                    + Suggestion.hint(for: decision, in: declared.map(\.id), listing: "declared decisions"),
                condition.source, namesNothing: true)
        case .age, .routeOpen:
            break
        case .fact(let condition):
            guard let fact = declaredFact(condition.fact, condition.factSource, inCondition: true) else { return }
            if condition.comparator == .atLeast || condition.comparator == .atMost, case .enumeration = fact.kind {
            } else if condition.comparator == .atLeast || condition.comparator == .atMost {
                error(
                    "'\(condition.comparator.rawValue)' compares enum values in their declared order; fact '\(fact.id)' is \(fact.typeName)",
                    condition.operands.first?.source ?? condition.source, namesNothing: true)
                return
            }
            for operand in condition.operands {
                if case .failure(let problem) = fact.value(of: operand.text) {
                    error(problem.message, operand.source, namesNothing: true)
                }
            }
        }
    }

    /// `inCondition`: named by a condition, which then never holds (see `conditionNamesNothing`).
    private mutating func declaredFact(_ id: String, _ source: SourceLocation, inCondition: Bool = false) -> FactDeclaration? {
        if let fact = policy.fact(id) { return fact }
        let declared = policy.facts.map(\.id)
        error(
            "unknown fact '\(id)'; facts must be declared under 'facts'"
                + Suggestion.hint(for: id, in: declared, listing: "declared facts"),
            source, namesNothing: inCondition)
        return nil
    }

    private mutating func stage(_ id: String, _ source: SourceLocation, inCondition: Bool = false) {
        guard !policy.stages.isEmpty, policy.rank(ofStage: id) == nil else { return }
        error("unknown stage '\(id)'" + Suggestion.hint(for: id, in: policy.stages.map(\.id)), source, namesNothing: inCondition)
    }

    private mutating func error(_ message: String, _ source: SourceLocation, namesNothing: Bool = false) {
        var diagnostic = Diagnostic.error(message, at: source)
        diagnostic.conditionNamesNothing = namesNothing
        diagnostics.append(diagnostic)
    }
}
