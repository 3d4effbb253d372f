/// The stage and the fired flags, computed to a fixed point (SPEC §3 "Evaluation order").
///
/// The stage starts at the highest active sign's stage; escalation rules run until it stops
/// changing; flags are evaluated, and a fired flag's `raise_to` above the stage raises it and
/// starts the round again. A raise to a stage not above the current one does nothing, so the
/// stage never falls within one evaluation.
struct StageResolution {
    struct FiredFlag {
        /// The flag's position in the policy.
        var index: Int
        var because: [String]
        var decisions: [String]
    }

    let context: EvaluationContext
    let now: Timestamp
    /// Holds the timeline's state (shared, `SettledTimeline`).
    private var evaluator: ConditionEvaluator
    private(set) var rank = 0 {
        didSet { evaluator.stageRank = rank }
    }
    private(set) var because: [String] = []
    /// The flags that fire, in declaration order, with why (their answer lines are made once,
    /// at the end: a line is a dozen strings to copy).
    private(set) var firedFlags: [FiredFlag] = []
    /// The escalation rules that raised the stage, in order.
    private(set) var escalatedBy: [String] = []
    /// The ids of the signs active now, in plan order (for coverage).
    private(set) var activeSigns: [String] = []

    init(context: EvaluationContext, timeline: SettledTimeline, now: Timestamp, withholding: SourceOfHarmWithholding) {
        self.context = context
        self.now = now
        evaluator = ConditionEvaluator(
            context: context, timeline: timeline, now: now, stageRank: 0, withholding: withholding)
    }

    /// The fired flags' answer lines.
    var flagLines: [FlagLine] {
        firedFlags.map { fired in
            var line = context.policy.flagLines[fired.index]
            line.because = fired.because
            line.decisions = fired.decisions
            return line
        }
    }

    /// The evaluator at the final stage, for prompts, consistency and contact hours.
    var conditions: ConditionEvaluator { evaluator }

    /// Prompts whose condition holds at the final stage and whose fact is unanswered, in
    /// declaration order (SPEC v3 §10.2).
    mutating func openPrompts() -> [PromptLine] {
        let policy = context.policy
        var open: [PromptLine] = []
        for (index, prompt) in policy.policy.prompts.enumerated() {
            guard let fact = policy.promptFacts[index], evaluator.timeline.state.facts[fact].answeredIn == nil || isNotAsked(fact) else {
                continue
            }
            if let condition = policy.promptConditions[index], !evaluator.holds(condition) { continue }
            open.append(
                PromptLine(
                    id: prompt.id, fact: policy.policy.facts[fact].id, asks: policy.policy.facts[fact].asks ?? "",
                    because: prompt.because, source: prompt.source.pathAndLine))
        }
        return open
    }

    /// The latest observation of the fact said "not asked".
    private func isNotAsked(_ fact: Int) -> Bool {
        guard let notAsked = context.policy.notAskedIndex[fact], case .enumeration(let position)? = evaluator.timeline.state.facts[fact].value
        else { return false }
        return position == notAsked
    }

    /// `inconsistent-facts` for each consistency rule whose `when` holds and `expect` does not.
    mutating func inconsistencies() -> [AnswerWarning] {
        var warnings: [AnswerWarning] = []
        for (index, rule) in context.policy.consistency.enumerated() {
            guard evaluator.holds(rule.when), !evaluator.holds(rule.expect) else { continue }
            var reasons: [String] = []
            var decisions: [String] = []
            _ = evaluator.holds(rule.when, because: &reasons, decisions: &decisions)
            let declared = context.policy.policy.consistency[index]
            warnings.append(
                AnswerWarning(
                    code: .inconsistentFacts, message: declared.message + " (" + reasons.joined(separator: "; ") + ")",
                    source: declared.source.pathAndLine))
        }
        return warnings
    }

    /// The assessments that still count now.
    var currentAssessments: [CapacityAssessment] { evaluator.current }
    /// An `age` condition was reached and the plan gives no date of birth.
    var ageWasUnknown: Bool { evaluator.ageWasUnknown }

    mutating func resolve() {
        let stages = context.policy.policy.stages
        let flags = context.policy.policy.flags
        let window = context.policy.policy.signsActiveFor
        // The highest stage of an active sign, and how many active signs are of it. The ids go
        // into a list allocated once, with room for every sign from the first active one on.
        var topCount = 0
        for index in context.signIds.indices where evaluator.timeline.state.isActive(index, now: now, window: window) {
            if activeSigns.isEmpty { activeSigns.reserveCapacity(context.signIds.count - index) }
            activeSigns.append(context.signIds[index])
            let signRank = context.signRanks[index]
            if signRank > rank {
                rank = signRank
                topCount = 1
            } else if signRank == rank {
                topCount += 1
            }
        }
        // The reasons, too, in a list allocated once: a line or two, seldom more.
        because.reserveCapacity(3)
        if activeSigns.isEmpty {
            because.append("no active early warning signs")
        } else if !stages.isEmpty {
            // The active signs of the highest stage, written into one string.
            let timeline = evaluator.timeline
            let line = String(writing: { text in
                text.append(topCount == 1 ? "active sign of stage " : "active signs of stage ")
                text.append(stages[rank].id)
                text.append(": ")
                var first = true
                for index in context.signIds.indices
                where context.signRanks[index] == rank && timeline.state.isActive(index, now: now, window: window) {
                    if !first { text.append(", ") }
                    text.append(context.signIds[index])
                    first = false
                }
            })
            because.append(line)
        }
        while true {
            escalate()
            evaluateFlags()
            var raise: (rank: Int, flags: [String]) = (rank, [])
            for fired in firedFlags {
                guard let target = flags[fired.index].effects.raiseTo,
                    let targetRank = context.policy.stageRank[target]
                else { continue }
                if targetRank > raise.rank {
                    raise = (targetRank, [flags[fired.index].id])
                } else if targetRank == raise.rank && targetRank > rank {
                    raise.flags.append(flags[fired.index].id)
                }
            }
            guard raise.rank > rank else { return }
            rank = raise.rank
            because.append(
                "raised to \(stages[rank].id) by flag " + raise.flags.map { "'\($0)'" }.joined(separator: ", "))
        }
    }

    private mutating func escalate() {
        var changed = true
        while changed {
            changed = false
            for (index, rule) in context.policy.escalation.enumerated() where rule.raiseTo > rank {
                guard evaluator.holds(rule.condition) else { continue }
                var reasons: [String] = []
                var decisions: [String] = []
                _ = evaluator.holds(rule.condition, because: &reasons, decisions: &decisions)
                rank = rule.raiseTo
                changed = true
                let policyRule = context.policy.policy.escalation[index]
                escalatedBy.append(policyRule.id)
                let line = String(writing: { text in
                    text.append("raised to ")
                    text.append(policyRule.raiseTo)
                    text.append(" by escalation rule '")
                    text.append(policyRule.id)
                    text.append("': ")
                    for (position, reason) in reasons.enumerated() {
                        if position > 0 { text.append("; ") }
                        text.append(reason)
                    }
                })
                because.append(line)
            }
        }
    }

    private mutating func evaluateFlags() {
        firedFlags = []
        for (index, condition) in context.policy.flagConditions.enumerated() where evaluator.holds(condition) {
            var reasons: [String] = []
            var decisions: [String] = []
            _ = evaluator.holds(condition, because: &reasons, decisions: &decisions)
            firedFlags.append(FiredFlag(index: index, because: reasons, decisions: decisions))
        }
    }
}
