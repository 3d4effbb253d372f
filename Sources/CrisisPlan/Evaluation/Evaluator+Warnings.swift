/// The answer's warnings (SPEC §6), in its order: plan, then observations, then evaluation.
extension Evaluator {
    /// An overdue review (the plan is still used), every refusal that is not binding, then
    /// what the plan alone says (`EvaluationContext.fixedPlanWarnings`), then unreadable hours
    /// of the contacts in the answer. `asPrepared`: the refusals are the plan's as prepared,
    /// whose bindingness is known without reading them.
    func planWarnings(
        _ refusals: [(refusal: AdvanceRefusal, validity: RefusalValidity, source: String)], asPrepared: Bool,
        today: CalendarDate, contacts: [ContactLine]
    ) -> [AnswerWarning] {
        let overdue = today > context.reviewBy
        let notBinding = asPrepared ? context.someRefusalNotBinding : refusals.contains { !$0.validity.binding }
        let hours = context.hoursWarnings.isEmpty
            ? [] : context.hoursWarnings.filter { line in contacts.contains { $0.id == line.contact } }.map(\.warning)
        guard overdue || notBinding || !hours.isEmpty else { return context.fixedPlanWarnings }
        var warnings: [AnswerWarning] = []
        if overdue {
            warnings.append(
                AnswerWarning(
                    code: .planReviewOverdue,
                    message:
                        "the plan was due for review on \(context.reviewBy); it is still used — review it with \(context.personName)",
                    source: context.reviewBySource))
        }
        for (refusal, validity, source) in refusals where !validity.binding {
            warnings.append(
                AnswerWarning(
                    code: .advanceRefusalNotValid,
                    message: "the refusal of \(refusal.treatment) is not binding: "
                        + validity.notBindingBecause.joined(separator: "; "),
                    source: source))
        }
        return warnings + context.fixedPlanWarnings + hours
    }

    /// One per decision whose latest assessment says `lacks` but is too old to count.
    func staleAssessmentWarnings(_ capacity: [CapacityAssessment], now: Timestamp) -> [AnswerWarning] {
        let valid = context.policy.policy.capacityValidFor
        // Read in place: a filtered copy of the assessments is a copy of each of its texts.
        var warnings: [AnswerWarning] = []
        for index in capacity.indices
        where capacity[index].status == .lacks && !now.isWithin(valid, of: capacity[index].assessedAt) {
            warnings.append(
                AnswerWarning(
                    code: .capacityAssessmentStale,
                    message:
                        "the assessment that \(context.personName) lacks capacity for '\(capacity[index].decision)' was made at \(capacity[index].assessedAt), more than \(valid) ago; it no longer counts — reassess if the decision is still needed",
                    source: capacity[index].source.pathAndLine))
        }
        return warnings
    }

    /// Gaps the evaluation found: above the lowest stage, no one left to call or nothing
    /// agreed; a role a flag must consult that nobody in the plan holds. All point at `person:`.
    func evaluationWarnings(
        rank: Int, routeIsEmpty: Bool, noResponses: Bool, unrecordedRoles: [(String, String)], ageWasUnknown: Bool,
        contacts: ContactAssembler
    ) -> [AnswerWarning] {
        let name = context.personName
        let stage = context.policy.policy.stages.isEmpty ? "" : context.policy.policy.stages[rank].id
        var warnings: [AnswerWarning] = []
        if rank > 0 && routeIsEmpty {
            warnings.append(
                AnswerWarning(
                    code: .noRouteForStage,
                    message:
                        "no one in \(name)'s own route for stage '\(stage)' can be contacted; use the service's crisis procedures",
                    source: context.personSource))
        }
        if rank > 0 && noResponses {
            // What they agreed for the nearest stage below, in their words and order: a flag
            // may have raised the stage past the last one their plan speaks to.
            let below = (0..<min(rank, context.stages.count)).last { !context.stages[$0].responses.isEmpty }
            // Each says whom it names that is withheld or not to be contacted (SPEC v3 §10.7).
            let agreed = below.map { lower in
                "; at '\(context.policy.policy.stages[lower].id)' \(name) agreed: "
                    + markingNames(in: context.stages[lower].responses.map(\.line), withheld: contacts).map { line in
                        line.action + (line.namesSummary.map { " (" + $0 + ")" } ?? "")
                    }.joined(separator: "; ")
            }
            warnings.append(
                AnswerWarning(
                    code: .noResponsesForStage,
                    message: "\(name)'s plan has no agreed responses for stage '\(stage)'" + (agreed ?? "") + "; ask them what helps",
                    source: context.personSource))
        }
        for (role, flag) in unrecordedRoles {
            warnings.append(
                AnswerWarning(
                    code: .roleNotRecorded,
                    message:
                        "flag '\(flag)' asks for the \(role.replacingUnderscores) to be consulted, but the plan records no one in that role",
                    source: context.personSource))
        }
        if ageWasUnknown {
            warnings.append(
                AnswerWarning(
                    code: .ageUnknown,
                    message:
                        "a policy rule depends on \(name)'s age, but the plan gives no date of birth (person.born); each age condition was read as not met (a rule for an age range did not apply; one for anyone outside it did) — ask, and add it to the plan",
                    source: context.personSource))
        }
        return warnings
    }
}
