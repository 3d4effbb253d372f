/// Answers for one person now: the person's own agreed responses first, then contacts, then
/// every override beside them, with legal basis, reason and what to record (SPEC §3, §6).
///
/// Nothing here removes or reorders the person's own responses: flags only add lines beside
/// them. Nobody on the do-not-contact list, and nobody a safeguarding flag names as the source
/// of harm, is ever among the contacts.
public struct Evaluator: Sendable {
    public let context: EvaluationContext

    public init(context: EvaluationContext) {
        self.context = context
    }

    public init(policy: Policy, plan: Plan) {
        self.init(context: EvaluationContext(policy: CompiledPolicy(policy), plan: plan))
    }

    /// The answer as of `now`. Throws only for bad input: an undeclared fact, or a value its
    /// type does not allow (exit 2); everything else becomes a warning in the answer.
    public func evaluate(_ observations: [Observation], now: Timestamp) throws(DiagnosticList) -> Answer {
        let policy = context.policy.policy
        var state = TimelineState(signCount: context.plan.signs.count, policy: context.policy)
        for observation in observations { state.apply(observation, now: now, context: context) }
        if !state.errors.isEmpty { throw DiagnosticList(state.errors) }

        var stage = StageResolution(context: context, state: state, now: now)
        stage.resolve()
        let fired = stage.firedFlags
        let stageId = policy.stages.isEmpty ? "" : policy.stages[stage.rank].id

        var answer = Answer(
            person: context.plan.person.id, name: context.plan.person.name, pronouns: context.plan.person.pronouns,
            at: now,
            stage: StageAnswer(
                id: stageId, label: policy.stages.isEmpty ? "" : policy.stages[stage.rank].label, because: stage.because),
            ownResponses: ownResponses(stage.rank, state: state, now: now),
            helps: context.plan.whenUnwell.helps.map(\.text), avoid: context.plan.whenUnwell.avoid.map(\.text),
            takeCareOf: context.plan.whenUnwell.takeCareOf.map(\.text), contacts: [],
            doNotContact: context.doNotContactLines,
            withheld: [], conflicts: [], flags: fired.map(\.line),
            statements: context.plan.advanceDecisions.statements.map(\.text), refusals: [], attorney: nil,
            views: context.plan.views, warnings: [])

        let current = stage.currentAssessments
        var contacts = ContactAssembler(context: context, state: state, rank: stage.rank)
        contacts.assemble(fired: fired.map(\.index), current: current)
        answer.contacts = contacts.contacts
        answer.withheld = contacts.withheld
        answer.conflicts = contacts.conflicts

        let mhaFlag = fired.first { policy.flags[$0.index].effects.mhaPart4 }?.line.id
        var planWarnings: [AnswerWarning] = []
        if now.utcDate > context.plan.dates.reviewBy {
            planWarnings.append(
                AnswerWarning(
                    code: .planReviewOverdue,
                    message:
                        "the plan was due for review on \(context.plan.dates.reviewBy); it is still used — review it with \(context.plan.person.name)",
                    source: context.reviewBySource))
        }
        for (refusal, validity, source) in context.refusals {
            let overridable = validity.binding && refusal.forMentalDisorder && !refusal.ect
            answer.refusals.append(
                RefusalLine(
                    treatment: refusal.treatment, binding: validity.binding,
                    notBindingBecause: validity.notBindingBecause, mayBeOverriddenBy: overridable ? mhaFlag : nil,
                    source: refusal.source.pathAndLine))
            if !validity.binding {
                planWarnings.append(
                    AnswerWarning(
                        code: .advanceRefusalNotValid,
                        message: "the refusal of \(refusal.treatment) is not binding: "
                            + validity.notBindingBecause.joined(separator: "; "),
                        source: source))
            }
        }
        answer.attorney = contacts.attorney

        var observationWarnings = state.warnings
        let valid = policy.capacityValidFor.nanoseconds
        for assessment in state.capacity
        where assessment.status == .lacks && now.nanoseconds(since: assessment.assessedAt) > valid {
            observationWarnings.append(
                AnswerWarning(
                    code: .capacityAssessmentStale,
                    message:
                        "the assessment that \(context.plan.person.name) lacks capacity for '\(assessment.decision)' was made at \(assessment.assessedAt), more than \(policy.capacityValidFor) ago; it no longer counts — reassess if the decision is still needed",
                    source: assessment.source.pathAndLine))
        }

        var evaluationWarnings: [AnswerWarning] = []
        let personSource = context.personSource
        if stage.rank > 0 {
            if contacts.routeIsEmpty {
                evaluationWarnings.append(
                    AnswerWarning(
                        code: .noRouteForStage,
                        message:
                            "no one in \(context.plan.person.name)'s own route for stage '\(stageId)' can be contacted; use the service's crisis procedures",
                        source: personSource))
            }
            if answer.ownResponses.isEmpty {
                evaluationWarnings.append(
                    AnswerWarning(
                        code: .noResponsesForStage,
                        message:
                            "\(context.plan.person.name)'s plan has no agreed responses for stage '\(stageId)'; ask them what helps",
                        source: personSource))
            }
        }
        for (role, flag) in contacts.unrecordedRoles {
            evaluationWarnings.append(
                AnswerWarning(
                    code: .roleNotRecorded,
                    message:
                        "flag '\(flag)' asks for the \(role.replacingUnderscores) to be consulted, but the plan records no one in that role",
                    source: personSource))
        }
        answer.warnings = planWarnings + observationWarnings + evaluationWarnings
        answer.trace.escalatedBy = stage.escalatedBy
        let window = policy.signsActiveFor
        answer.trace.activeSigns = context.plan.signs.indices.filter { state.isActive($0, now: now, window: window) }
            .map { context.plan.signs[$0].id }
        return answer
    }

    /// `responses[stage]` in written order; those with `for_signs` only while one is active.
    private func ownResponses(_ rank: Int, state: TimelineState, now: Timestamp) -> [ResponseLine] {
        guard rank < context.responsesByRank.count else { return [] }
        let window = context.policy.policy.signsActiveFor
        return context.responsesByRank[rank].compactMap { response in
            if !response.forSigns.isEmpty,
                !response.forSigns.contains(where: { state.isActive($0, now: now, window: window) })
            {
                return nil
            }
            return response.line
        }
    }
}

extension String {
    /// `nearest_relative` → `nearest relative`, for messages.
    var replacingUnderscores: String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
