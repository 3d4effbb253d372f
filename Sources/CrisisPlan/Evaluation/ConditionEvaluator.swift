/// Decides whether a `when:` condition holds now, and says why (SPEC §3).
///
/// Reasons are collected only from the parts that made the condition true, so a flag's
/// `because` names exactly the facts, signs, stage and assessments that fired it.
struct ConditionEvaluator {
    let context: EvaluationContext
    /// The timeline's state, shared (`SettledTimeline`).
    let timeline: SettledTimeline
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
        context: EvaluationContext, timeline: SettledTimeline, now: Timestamp, stageRank: Int,
        withholding: SourceOfHarmWithholding
    ) {
        self.context = context
        self.timeline = timeline
        self.now = now
        self.stageRank = stageRank
        self.withholding = withholding
        localNow = context.hasHours ? context.policy.localTime?.reading(now) : nil
        let valid = context.policy.policy.capacityValidFor
        // Shared, not filtered into a new array, when every assessment still counts.
        current =
            timeline.state.capacity.allSatisfy { now.isWithin(valid, of: $0.assessedAt) }
            ? timeline.state.capacity : timeline.state.capacity.filter { now.isWithin(valid, of: $0.assessedAt) }
    }

    /// Whether the condition holds, saying nothing about why: the reasons are built only for
    /// a condition that holds (`holds(_:because:decisions:)`), not for every rule and flag
    /// tried on every evaluation. Reaches the same parts in the same order, so `ageWasUnknown`
    /// is set alike.
    mutating func holds(_ condition: CompiledCondition) -> Bool {
        switch condition {
        case .all(let items):
            for item in items where !holds(item) { return false }
            return true
        case .any(let items):
            var any = false
            for item in items where holds(item) { any = true }
            return any
        case .not(let inner, _):
            return !holds(inner)
        case .fact(let index, _, let comparator, let operands):
            return factHolds(index, comparator, operands)
        case .stage(let comparator, let rank, _):
            return stageHolds(comparator, rank)
        case .signs(let atLeast, let stage, let within):
            var count = 0
            forEachActiveSign(stage: stage, within: within) { _ in count += 1 }
            return count >= atLeast
        case .capacity(let status, let decision):
            return current.contains { $0.status == status && Self.names($0, decision) }
        case .age(let comparator, let years):
            guard let born = context.plan.person.born else {
                ageWasUnknown = true
                return false
            }
            let age = born.age(on: now.utcDate)
            return comparator == .under ? age < years : age >= years
        case .routeOpen(let expected):
            return routeIsOpen(rank: stageRank) == expected
        case .never:
            return false
        }
    }

    /// Whether an assessment is about the decision a condition names (any, when it names none).
    /// Always by the normal form: normalising is not idempotent for every letter (ẞ → ß → ss),
    /// so a text equal to the condition's normal form is not necessarily the same decision.
    static func names(_ assessment: CapacityAssessment, _ decision: String?) -> Bool {
        guard let decision else { return true }
        return TextNormalizer.normalize(assessment.decision) == decision
    }

    private func stageHolds(_ comparator: StageCondition.Comparator, _ rank: Int) -> Bool {
        switch comparator {
        case .is: stageRank == rank
        case .atLeast: stageRank >= rank
        case .atMost: stageRank <= rank
        }
    }

    /// Holds and says why: every part that made it true adds its reason.
    mutating func holds(_ condition: CompiledCondition, because: inout [String], decisions: inout [String]) -> Bool {
        switch condition {
        case .all(let items):
            // Reasons go straight into the caller's list and are taken back if a part fails.
            let (reasonCount, decisionCount) = (because.count, decisions.count)
            for item in items where !holds(item, because: &because, decisions: &decisions) {
                because.removeSubrange(reasonCount...)
                decisions.removeSubrange(decisionCount...)
                return false
            }
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
            let holds = stageHolds(comparator, rank)
            if holds {
                because.append(
                    "stage is \(context.policy.policy.stages[stageRank].id) (\(comparator.rawValue) \(name))")
            }
            return holds
        case .signs(let atLeast, let stage, let within):
            return signs(atLeast: atLeast, stage: stage, within: within, because: &because)
        case .capacity(let status, let decision):
            var any = false
            for assessment in current where assessment.status == status && Self.names(assessment, decision) {
                any = true
                because.append(
                    String(writing: { text in
                        text.append(status == .lacks ? "assessed as lacking" : "assessed as having")
                        text.append(" capacity for the decision '")
                        text.append(assessment.decision)
                        text.append("' at ")
                        text.append(assessment.assessedAt)
                    }))
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
        guard rank < context.stages.count else { return [] }
        let route = context.stages[rank].route
        if withholding.isEmpty { return route }
        return route.filter { !withholding.contains($0, context: context) }
    }

    /// Whether anyone on the route can be called now (`RouteOpenness`); hours are not open
    /// when the time zone is unknown.
    func routeIsOpen(rank: Int) -> Bool {
        RouteOpenness.isOpen(route(rank: rank)) { hours in
            guard let reading = localNow ?? context.policy.localTime?.reading(now) else { return false }
            return hours.isOpen(at: reading, holidays: context.policy.holidays)
        }
    }

    /// `open_now` for a contact: `nil` without hours (or when the time zone is unknown).
    func isOpen(_ contact: ContactLine) -> Bool? {
        guard let hours = contact.hours, let reading = localNow ?? context.policy.localTime?.reading(now) else {
            return nil
        }
        return hours.isOpen(at: reading, holidays: context.policy.holidays)
    }

    private func factHolds(_ index: Int, _ comparator: FactCondition.Comparator, _ operands: [FactValue]) -> Bool {
        guard let value = timeline.state.facts[index].value else { return false }
        switch (comparator, value) {
        case (.is, .contact), (.in, .contact):
            // The id the value names, written out only for a contact fact.
            return timeline.state.value(of: index, people: context.people).map(operands.contains) ?? false
        case (.is, _), (.in, _):
            return operands.contains { Self.equal(value, $0) }
        case (.atLeast, .enumeration(let position)):
            if case .enumeration(let bound)? = operands.first { return position >= bound }
            return false
        case (.atMost, .enumeration(let position)):
            if case .enumeration(let bound)? = operands.first { return position <= bound }
            return false
        default:
            return false
        }
    }

    /// A bool or enum fact's value against an operand, without writing the value out.
    private static func equal(_ value: TimelineState.StoredValue, _ operand: FactValue) -> Bool {
        switch (value, operand) {
        case (.bool(let value), .bool(let operand)): value == operand
        case (.enumeration(let position), .enumeration(let operand)): position == operand
        default: false
        }
    }

    private func fact(
        _ index: Int, _ name: String, _ comparator: FactCondition.Comparator, _ operands: [FactValue],
        because: inout [String]
    ) -> Bool {
        guard factHolds(index, comparator, operands),
            let value = timeline.state.value(of: index, people: context.people)
        else {
            return false
        }
        let valueText = context.policy.policy.facts[index].kind.text(of: value)
        let observedAt = timeline.state.facts[index].observedAt
        because.append(
            String(writing: { text in
                text.append(name)
                text.append(" is ")
                text.append(valueText)
                if let observedAt {
                    text.append(" (observed ")
                    text.append(observedAt)
                    text.append(")")
                } else {
                    text.append(" (the default)")
                }
            }))
        return true
    }

    /// Each active sign (its position in the plan), of `stage` when given, observed within
    /// `within` when given, in plan order.
    private func forEachActiveSign(stage: String?, within: PolicyDuration?, _ body: (Int) -> Void) {
        let window = context.policy.policy.signsActiveFor
        for index in context.signIds.indices where timeline.state.isActive(index, now: now, window: window) {
            if let stage, context.signStages[index] != stage { continue }
            if let within, let last = timeline.state.signs[index].lastObserved, !now.isWithin(within, of: last) {
                continue
            }
            body(index)
        }
    }

    private func signs(atLeast: Int, stage: String?, within: PolicyDuration?, because: inout [String]) -> Bool {
        var matched: [String] = []
        forEachActiveSign(stage: stage, within: within) { matched.append(context.signIds[$0]) }
        guard matched.count >= atLeast else { return false }
        let withinText = within.map { "\($0)" }
        because.append(
            String(writing: { text in
                text.append(matched.count)
                text.append(matched.count == 1 ? " active sign" : " active signs")
                if let stage {
                    text.append(" of stage ")
                    text.append(stage)
                }
                if let withinText {
                    text.append(" within ")
                    text.append(withinText)
                }
                text.append(": ")
                for (position, id) in matched.enumerated() {
                    if position > 0 { text.append(", ") }
                    text.append(id)
                }
            }))
        return true
    }
}
