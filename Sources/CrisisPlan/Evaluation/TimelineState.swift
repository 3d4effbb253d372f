/// What a timeline of observations adds up to at one moment: which signs are active, each
/// fact's current value, and the latest capacity assessment for each decision.
struct TimelineState {
    struct SignState {
        var lastObserved: Timestamp?
        var active = false
    }

    var signs: [SignState]
    var facts: [FactValue?]
    /// Where each fact's current value was observed, for `because` lines.
    var factObservedAt: [Timestamp?]
    /// Per `contact` fact: everyone it has named in any observation so far, in order (entries
    /// of `PlanPeople`). Naming someone new never takes an earlier one off this list, so a
    /// withholding flag keeps withholding them all (SPEC v2 §3).
    var named: [[Int]]
    /// The latest assessment for each decision, in order of first appearance.
    var capacity: [CapacityAssessment] = []
    /// `unknown-sign`, `unknown-contact` and `future-observation`, in timeline order.
    var warnings: [AnswerWarning] = []
    /// Bad input: an undeclared fact or a value its type does not allow.
    var errors: [Diagnostic] = []

    init(signCount: Int, policy: CompiledPolicy) {
        signs = Array(repeating: SignState(), count: signCount)
        facts = policy.initialFacts
        factObservedAt = Array(repeating: nil, count: policy.initialFacts.count)
        named = Array(repeating: [], count: policy.initialFacts.count)
    }

    mutating func apply(_ observation: borrowing Observation, now: Timestamp, context: EvaluationContext) {
        if observation.at > now {
            warnings.append(
                AnswerWarning(
                    code: .futureObservation,
                    message: "the observation at \(observation.at) is after the evaluation time \(now) and is ignored",
                    source: observation.source.pathAndLine))
            return
        }
        // Indexed loops read each element in place rather than copying it: this runs for
        // every observation of every evaluation.
        for item in observation.signs.indices {
            if let index = context.matcher.match(observation.signs[item].text) {
                signs[index].lastObserved = observation.at
                signs[index].active = true
            } else {
                warnings.append(unknownSign(observation.signs[item].text, observation.source, context))
            }
        }
        for item in observation.resolved.indices {
            if let index = context.matcher.match(observation.resolved[item].text) {
                signs[index].active = false
            } else {
                warnings.append(unknownSign(observation.resolved[item].text, observation.source, context))
            }
        }
        for item in observation.facts.indices {
            apply(observation.facts[item], at: observation.at, context: context)
        }
        for var assessment in observation.capacity {
            if !context.decisions.acceptsAnyName {
                guard let decision = context.decisions.entry(named: assessment.decision) else {
                    errors.append(
                        .error(context.decisions.unknownMessage(assessment.decision), at: assessment.decisionSource))
                    continue
                }
                assessment.decision = decision.id
            }
            if let existing = capacity.firstIndex(where: { $0.decision == assessment.decision }) {
                if assessment.assessedAt >= capacity[existing].assessedAt { capacity[existing] = assessment }
            } else {
                capacity.append(assessment)
            }
        }
    }

    private mutating func apply(_ observed: borrowing ObservedFact, at time: Timestamp, context: EvaluationContext) {
        let policy = context.policy
        guard let index = policy.factTable[observed.fact] else {
            let declared = policy.policy.facts.map(\.id)
            errors.append(
                .error(
                    "unknown fact '\(observed.fact)'"
                        + Suggestion.hint(for: observed.fact, in: declared, listing: "declared facts"),
                    at: observed.factSource))
            return
        }
        let typed: Result<FactValue, FactValueError>
        if let value = policy.factValues[index][observed.value] {
            typed = .success(value)
        } else {
            typed = policy.policy.facts[index].value(of: observed.value)
        }
        switch typed {
        case .failure(let problem):
            errors.append(.error(problem.message, at: observed.valueSource))
        case .success(.contact(let text)):
            guard let entries = context.people.resolve(text) else {
                errors.append(
                    .error(
                        context.people.unknownMessage(
                            fact: observed.fact, value: text, personName: context.plan.person.name),
                        at: observed.valueSource))
                return
            }
            let first = entries.first.map { context.people.entries[$0] }
            facts[index] = .contact(first.map { $0.id ?? $0.nameKey } ?? PlanPeople.someoneElse)
            for entry in entries where !named[index].contains(entry) { named[index].append(entry) }
            factObservedAt[index] = time
        case .success(let value):
            facts[index] = value
            factObservedAt[index] = time
        }
    }

    /// Points at the observation that carried the text (SPEC §6: "the observation"), with the
    /// signs it may have meant (SPEC v2 §3).
    private func unknownSign(_ text: String, _ source: SourceLocation, _ context: EvaluationContext) -> AnswerWarning {
        let near = context.suggestions(for: text)
        return AnswerWarning(
            code: .unknownSign, message: "'" + text + context.unknownSignSuffix, source: source.pathAndLine,
            suggestions: near.ids, observed: text, suggestedSigns: near.signs)
    }

    /// Whether sign `index` is active now: observed, not resolved since, and within the window.
    func isActive(_ index: Int, now: Timestamp, window: PolicyDuration) -> Bool {
        guard signs[index].active, let last = signs[index].lastObserved else { return false }
        return now.isWithin(window, of: last)
    }
}
