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
    /// Set when an `age` condition was reached for a person without `born` (`age-unknown`).
    private(set) var ageWasUnknown = false
    let withholding: SourceOfHarmWithholding
    /// Now on the policy's clock, for contact hours; `nil` when its time zone is unknown.
    let localNow: LocalTime.Reading?

    init(
        context: EvaluationContext, state: TimelineState, now: Timestamp, stageRank: Int,
        withholding: SourceOfHarmWithholding
    ) {
        self.context = context
        self.state = state
        self.now = now
        self.stageRank = stageRank
        self.withholding = withholding
        localNow = context.hasHours ? context.policy.localTime?.reading(now) : nil
        let valid = context.policy.policy.capacityValidFor
        current = state.capacity.filter { now.isWithin(valid, of: $0.assessedAt) }
    }

    mutating func holds(_ condition: CompiledCondition, because: inout [String], decisions: inout [String]) -> Bool {
        switch condition {
        case .all(let items):
            var reasons: [String] = []
            var found: [String] = []
            for item in items where !holds(item, because: &reasons, decisions: &found) { return false }
            because += reasons
            decisions += found
            return true
        case .any(let items):
            var any = false
            for item in items where holds(item, because: &because, decisions: &decisions) { any = true }
            return any
        case .not(let inner, let text):
            var ignored: [String] = []
            var ignoredDecisions: [String] = []
            if holds(inner, because: &ignored, decisions: &ignoredDecisions) { return false }
            because.append("not: " + text)
            return true
        case .fact(let index, let name, let comparator, let operands):
            return fact(index, name, comparator, operands, because: &because)
        case .stage(let comparator, let rank, let name):
            let holds: Bool
            switch comparator {
            case .is: holds = stageRank == rank
            case .atLeast: holds = stageRank >= rank
            case .atMost: holds = stageRank <= rank
            }
            if holds {
                because.append(
                    "stage is \(context.policy.policy.stages[stageRank].id) (\(comparator.rawValue) \(name))")
            }
            return holds
        case .signs(let atLeast, let stage, let within):
            return signs(atLeast: atLeast, stage: stage, within: within, because: &because)
        case .capacity(let status, let decision):
            var any = false
            for assessment in current
            where assessment.status == status
                && (decision == nil || TextNormalizer.normalize(assessment.decision) == decision)
            {
                any = true
                because.append(
                    "assessed as \(status == .lacks ? "lacking" : "having") capacity for the decision '\(assessment.decision)' at \(assessment.assessedAt)"
                )
                if !decisions.contains(assessment.decision) { decisions.append(assessment.decision) }
            }
            return any
        case .age(let comparator, let years):
            guard let born = context.plan.person.born else {
                ageWasUnknown = true
                return false
            }
            let age = born.age(on: now.utcDate)
            let holds = comparator == .under ? age < years : age >= years
            if holds {
                because.append(
                    "aged \(age) (\(comparator == .under ? "under" : "at least") \(years)), born \(born)")
            }
            return holds
        case .routeOpen(let expected):
            let open = routeIsOpen(rank: stageRank)
            guard open == expected else { return false }
            let stage = context.policy.policy.stages[stageRank].id
            because.append(
                open ? "someone on the \(stage) route is open now" : "no one on the \(stage) route is open now")
            return true
        case .never:
            return false
        }
    }

    /// The stage's own route, without do-not-contact people and anyone named as a source of
    /// harm (SPEC v3 §10.12, §10.14).
    func route(rank: Int) -> [ContactLine] {
        guard rank < context.routeByRank.count else { return [] }
        let route = context.routeByRank[rank]
        if withholding.isEmpty { return route }
        return route.filter { !withholding.contains(id: $0.id, name: $0.name, context: context) }
    }

    /// Whether anyone on the route can be called now: an empty route cannot; a route where no
    /// one gives hours can; otherwise someone with hours must be open (a contact without
    /// hours is not known to be open).
    func routeIsOpen(rank: Int) -> Bool {
        let route = route(rank: rank)
        if route.isEmpty { return false }
        guard route.contains(where: { $0.hours != nil }) else { return true }
        return route.contains { isOpen($0) == true }
    }

    /// `open_now` for a contact: `nil` without hours (or when the time zone is unknown).
    func isOpen(_ contact: ContactLine) -> Bool? {
        guard let hours = contact.hours, let reading = localNow ?? context.policy.localTime?.reading(now) else {
            return nil
        }
        return hours.isOpen(at: reading, holidays: context.policy.holidays)
    }

    private func fact(
        _ index: Int, _ name: String, _ comparator: FactCondition.Comparator, _ operands: [FactValue],
        because: inout [String]
    ) -> Bool {
        guard let value = state.facts[index] else { return false }
        let holds: Bool
        switch (comparator, value) {
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
            let when = state.factObservedAt[index].map { " (observed " + $0.description + ")" } ?? " (the default)"
            because.append(name + " is " + context.policy.policy.facts[index].text(of: value) + when)
        }
        return holds
    }

    private func signs(atLeast: Int, stage: String?, within: PolicyDuration?, because: inout [String]) -> Bool {
        let window = context.policy.policy.signsActiveFor
        var matched: [String] = []
        for index in context.signIds.indices where state.isActive(index, now: now, window: window) {
            if let stage, context.signStages[index] != stage { continue }
            if let within, let last = state.signs[index].lastObserved, !now.isWithin(within, of: last) {
                continue
            }
            matched.append(context.signIds[index])
        }
        guard matched.count >= atLeast else { return false }
        var text = "\(matched.count) active sign\(matched.count == 1 ? "" : "s")"
        if let stage { text += " of stage \(stage)" }
        if let within { text += " within \(within)" }
        because.append(text + ": " + matched.joined(separator: ", "))
        return true
    }
}
