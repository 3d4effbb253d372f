/// Decides whether a `when:` condition holds now, and says why (SPEC §3).
///
/// Reasons are collected only from the parts that made the condition true, so a flag's
/// `because` names exactly the facts, signs, stage and assessments that fired it.
struct ConditionEvaluator {
    let context: EvaluationContext
    let state: TimelineState
    let now: Timestamp
    /// The stage so far; `StageResolution` moves it up as rules and flags fire.
    var stageRank: Int

    /// The current, non-stale assessments.
    let current: [CapacityAssessment]

    init(context: EvaluationContext, state: TimelineState, now: Timestamp, stageRank: Int) {
        self.context = context
        self.state = state
        self.now = now
        self.stageRank = stageRank
        let valid = context.policy.policy.capacityValidFor.nanoseconds
        current = state.capacity.filter { now.nanoseconds(since: $0.assessedAt) <= valid }
    }

    func holds(_ condition: Condition, because: inout [String], decisions: inout [String]) -> Bool {
        switch condition {
        case .all(let items, _):
            var reasons: [String] = []
            var found: [String] = []
            for item in items where !holds(item, because: &reasons, decisions: &found) { return false }
            because += reasons
            decisions += found
            return true
        case .any(let items, _):
            var any = false
            for item in items where holds(item, because: &because, decisions: &decisions) { any = true }
            return any
        case .not(let inner, _):
            var ignored: [String] = []
            var ignoredDecisions: [String] = []
            if holds(inner, because: &ignored, decisions: &ignoredDecisions) { return false }
            because.append("not: " + describe(inner))
            return true
        case .fact(let condition):
            return fact(condition, because: &because)
        case .stage(let condition):
            guard let rank = context.policy.stageRank[condition.stage] else { return false }
            let holds: Bool
            switch condition.comparator {
            case .is: holds = stageRank == rank
            case .atLeast: holds = stageRank >= rank
            case .atMost: holds = stageRank <= rank
            }
            if holds {
                because.append("stage is \(context.policy.policy.stages[stageRank].id) (\(condition.comparator.rawValue) \(condition.stage))")
            }
            return holds
        case .signs(let condition):
            return signs(condition, because: &because)
        case .capacity(let condition):
            let matching = current.filter {
                $0.status == condition.status && (condition.decision == nil || $0.decision == condition.decision)
            }
            for assessment in matching {
                because.append(
                    "assessed as \(assessment.status == .lacks ? "lacking" : "having") capacity for the decision '\(assessment.decision)' at \(assessment.assessedAt)")
                if !decisions.contains(assessment.decision) { decisions.append(assessment.decision) }
            }
            return !matching.isEmpty
        }
    }

    private func fact(_ condition: FactCondition, because: inout [String]) -> Bool {
        guard let index = context.policy.factIndex[condition.fact], let value = state.facts[index] else { return false }
        let declaration = context.policy.policy.facts[index]
        let operands = condition.operands.compactMap { try? declaration.value(of: $0.text).get() }
        let holds: Bool
        switch (condition.comparator, value) {
        case (.is, _), (.in, _):
            holds = operands.contains(value)
        case (.atLeast, .enumeration(let position)):
            if case .enumeration(let bound)? = operands.first { holds = position >= bound } else { holds = false }
        case (.atMost, .enumeration(let position)):
            if case .enumeration(let bound)? = operands.first { holds = position <= bound } else { holds = false }
        default:
            holds = false
        }
        if holds {
            let when = state.factObservedAt[index].map { " (observed \($0))" } ?? " (the default)"
            because.append("\(condition.fact) is \(declaration.text(of: value))\(when)")
        }
        return holds
    }

    private func signs(_ condition: SignsCondition, because: inout [String]) -> Bool {
        let window = context.policy.policy.signsActiveFor
        var matched: [String] = []
        for (index, sign) in context.plan.signs.enumerated() where state.isActive(index, now: now, window: window) {
            if let stage = condition.stage, sign.stage != stage { continue }
            if let within = condition.within, let last = state.signs[index].lastObserved,
                now.nanoseconds(since: last) > within.nanoseconds
            {
                continue
            }
            matched.append(sign.id)
        }
        guard matched.count >= condition.atLeast else { return false }
        var text = "\(matched.count) active sign\(matched.count == 1 ? "" : "s")"
        if let stage = condition.stage { text += " of stage \(stage)" }
        if let within = condition.within { text += " within \(within)" }
        because.append(text + ": " + matched.joined(separator: ", "))
        return true
    }

    /// A condition in words, for `not:` reasons.
    func describe(_ condition: Condition) -> String {
        switch condition {
        case .all(let items, _): return "all of (" + items.map(describe).joined(separator: "; ") + ")"
        case .any(let items, _): return "any of (" + items.map(describe).joined(separator: "; ") + ")"
        case .not(let inner, _): return "not " + describe(inner)
        case .fact(let c): return "\(c.fact) \(c.comparator.rawValue) " + c.operands.map(\.text).joined(separator: ", ")
        case .stage(let c): return "stage \(c.comparator.rawValue) \(c.stage)"
        case .signs(let c):
            return "at least \(c.atLeast) active sign(s)" + (c.stage.map { " of stage \($0)" } ?? "")
                + (c.within.map { " within \($0)" } ?? "")
        case .capacity(let c):
            return "capacity \(c.status.rawValue)" + (c.decision.map { " for '\($0)'" } ?? "")
        }
    }
}
