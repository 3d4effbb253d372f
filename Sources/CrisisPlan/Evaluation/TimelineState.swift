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
        for assessment in observation.capacity {
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
        case .success(.contact(let id)):
            if context.knowsPerson(id) {
                facts[index] = .contact(id)
            } else {
                facts[index] = nil
                warnings.append(
                    AnswerWarning(
                        code: .unknownContact,
                        message: "fact '" + observed.fact + "' names '" + id + context.unknownContactSuffix,
                        source: observed.valueSource.pathAndLine))
            }
            factObservedAt[index] = time
        case .success(let value):
            facts[index] = value
            factObservedAt[index] = time
        }
    }

    /// Points at the observation that carried the text (SPEC §6: "the observation").
    private func unknownSign(_ text: String, _ source: SourceLocation, _ context: EvaluationContext) -> AnswerWarning {
        AnswerWarning(code: .unknownSign, message: "'" + text + context.unknownSignSuffix, source: source.pathAndLine)
    }

    /// Whether sign `index` is active now: observed, not resolved since, and within the window.
    func isActive(_ index: Int, now: Timestamp, window: PolicyDuration) -> Bool {
        guard signs[index].active, let last = signs[index].lastObserved else { return false }
        return now.isWithin(window, of: last)
    }
}
