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
        // The plan has usually left the cache since it was last asked about: its lines are
        // asked for all at once, before they are read one after another.
        context.prefetch()
        // The observations' lists too, read through a pointer as below (a subscript would copy
        // each observation, a reference count per field).
        observations.withUnsafeBufferPointer { observations in
            guard let first = observations.baseAddress else { return }
            for index in observations.indices {
                WorkingSet.prefetch((first + index).pointee.signs)
                WorkingSet.prefetch((first + index).pointee.facts)
            }
        }
        // The policy's parts read here, each one reference (a copy of the whole policy would
        // be a reference count per field, on every evaluation).
        let stages = context.policy.policy.stages
        let flags = context.policy.policy.flags
        var state = TimelineState(context)
        // Read in place, through a pointer: an array's subscript, or a borrowed observation
        // captured by the closures that read its signs, is a copy of each observation.
        observations.withUnsafeBufferPointer { observations in
            guard let first = observations.baseAddress else { return }
            for index in observations.indices { state.apply(first + index, now: now, context: context) }
        }
        if !state.errors.isEmpty { throw DiagnosticList(state.errors) }
        state.settleAttention()
        // From here the state is only read: shared by reference with the stage, its
        // conditions and the contacts, rather than copied into each.
        let timeline = SettledTimeline(consume state)

        let withholding = SourceOfHarmWithholding(namings: timeline.state.namings, context: context)
        var stage = StageResolution(context: context, timeline: timeline, now: now, withholding: withholding)
        stage.resolve()
        let fired = stage.firedFlags
        let stageId = stages.isEmpty ? "" : stages[stage.rank].id

        let prompts = stage.openPrompts()
        let current = stage.currentAssessments
        let mhaFlag = fired.first { flags[$0.index].effects.mhaPart4 }.map { flags[$0.index].id }
        // Worked out once: the refusals, their lines and the review date all read it.
        let today = now.utcDate
        let refusals = context.refusals(on: today)
        let refusalsAsPrepared = context.refusalsAsPrepared(on: today)
        var contacts = ContactAssembler(
            context: context, rank: stage.rank, conditions: stage.conditions, refusals: refusals)
        contacts.assemble(fired: fired.map(\.index), current: current, part4: mhaFlag)
        let responses = markingNames(in: ownResponses(stage.rank, timeline: timeline, now: now), withheld: contacts)
        // In the answer's order; a part is appended only when it has something, so that the
        // usual answer takes the observations' warnings as they are, without a copy.
        var warnings = planWarnings(refusals, asPrepared: refusalsAsPrepared, today: today, contacts: contacts.contacts)
        func add(_ part: [AnswerWarning]) {
            if warnings.isEmpty { warnings = part } else if !part.isEmpty { warnings.append(contentsOf: part) }
        }
        add(timeline.state.warnings)
        if !timeline.state.capacity.isEmpty { add(staleAssessmentWarnings(timeline.state.capacity, now: now)) }
        add(
            evaluationWarnings(
                rank: stage.rank, routeIsEmpty: contacts.routeIsEmpty, noResponses: responses.isEmpty,
                unrecordedRoles: contacts.unrecordedRoles, ageWasUnknown: stage.ageWasUnknown, contacts: contacts))
        if !context.policy.consistency.isEmpty { add(stage.inconsistencies()) }
        add(contacts.warnings)
        // Built once, from its parts: an answer assigned field by field was copied whole.
        return Answer(
            person: context.personId, name: context.personName, pronouns: context.pronouns,
            at: now,
            stage: StageAnswer(
                id: stageId, label: stages.isEmpty ? "" : stages[stage.rank].label, because: stage.because,
                fromRecognisedSignsOnly: timeline.state.unrecognised > 0),
            prompts: prompts, ownResponses: responses, helps: context.helps, avoid: context.avoid,
            takeCareOf: context.takeCareOf, contacts: contacts.contacts, doNotContact: context.doNotContactLines,
            withheld: contacts.withheld, conflicts: contacts.conflicts, flags: stage.flagLines,
            statements: context.statements,
            refusals: refusalLines(
                refusals, mayBeOverriddenBy: mhaFlag, current: current,
                asPrepared: refusalsAsPrepared),
            attorney: context.chosenAttorney.flatMap { chosen in contacts.attorneys.first { $0.id == chosen } },
            attorneys: contacts.attorneys, views: context.views, warnings: warnings,
            reviewBy: context.reviewBy,
            trace: AnswerTrace(
                escalatedBy: stage.escalatedBy, activeSigns: stage.activeSigns,
                redFlags: timeline.state.redFlagsMatched),
            routeNotice: contacts.routeNotice)
    }

    /// Each refusal with whether it binds and whether it applies now; a binding refusal of
    /// treatment for the mental disorder, other than ECT, is marked as one a fired Part 4 flag
    /// may override.
    ///
    /// A refusal of ECT — by its own `ect` key, or because its treatment names an `ect`
    /// decision — is never overridden under Part 4 (MHA s58A(5)(c)(i)).
    private func refusalLines(
        _ refusals: [(refusal: AdvanceRefusal, validity: RefusalValidity, source: String)],
        mayBeOverriddenBy flag: String?, current: [CapacityAssessment], asPrepared: Bool
    ) -> [RefusalLine] {
        guard !refusals.isEmpty else { return [] }
        // The lines as prepared when validity is as prepared (shared as they are when nothing
        // is assessed and no Part 4 flag fires); else built again for the day.
        var lines =
            asPrepared
            ? context.unassessedRefusalLines
            : refusals.indices.map { position in
                RefusalLine(
                    refusals[position].refusal, refusals[position].validity, source: refusals[position].source,
                    ect: context.ectRefusals[position])
            }
        if current.isEmpty && flag == nil { return lines }
        // Without a Part 4 flag, lines change only where an assessment decides whether a
        // refusal applies now: most assessments decide none (`refusalsDecidedBy`).
        if flag == nil && !current.contains(where: { decidesARefusal($0.decision) }) { return lines }
        // Written only where a value changes: assessments of other decisions leave the lines
        // as prepared, and shared.
        for position in lines.indices {
            let applies = appliesNow(position, current: current)
            if lines[position].appliesNow != applies { lines[position].appliesNow = applies }
            if lines[position].binding && context.mentalDisorderRefusals[position] && !lines[position].ect
                && lines[position].mayBeOverriddenBy != flag
            {
                lines[position].mayBeOverriddenBy = flag
            }
        }
        return lines
    }

    /// SPEC v3 §10.7: each own response that names a withheld or do-not-contact person says
    /// so (withheld people first, then do-not-contact entries, in plan order); the response
    /// itself is unchanged.
    func markingNames(in responses: [ResponseLine], withheld contacts: ContactAssembler) -> [ResponseLine] {
        // The lines are shared with the plan's prepared answer: they are read from the array
        // given and written to a copy only when someone is to be marked, so that an answer
        // with nothing to mark shares them rather than copying them on every evaluation.
        guard context.responsesNameSomeone else { return responses }
        var marked = responses
        for index in responses.indices where !responses[index].mentions.isEmpty {
            let mentioned = responses[index].mentions.map { context.people.entries[$0] }
            let withheld = mentioned.filter { contacts.isWithheld(id: $0.id, name: $0.name) }
            let blocked = mentioned.filter { entry in
                context.isBlocked(id: entry.id, name: entry.name) && !withheld.contains { $0.name == entry.name }
            }
            guard !withheld.isEmpty || !blocked.isEmpty else { continue }
            marked[index].namesWithheld = (withheld + blocked).map { $0.id ?? $0.name }
            marked[index].namedPeople =
                withheld.map { NamedPerson(name: $0.name, withheld: true) }
                + blocked.map { NamedPerson(name: $0.name, withheld: false) }
        }
        return marked
    }

    /// Whether an assessment of the decision named decides whether any refusal applies now.
    private func decidesARefusal(_ decision: String) -> Bool {
        guard let position = context.decisions.position(named: decision) else { return false }
        return context.refusalsDecidedBy[position] != 0
    }

    /// SPEC v2 §4: `true` when a current assessment says `lacks` for a declared decision about
    /// the refused treatment, `false` when one says `has`, `nil` when none does. Only declared
    /// decisions count, as SPEC says: an assessment named after the refused treatment itself
    /// (a decision only because the plan refuses it) leaves `applies_now` null.
    private func appliesNow(_ refusal: Int, current: [CapacityAssessment]) -> Bool? {
        guard !current.isEmpty else { return nil }
        var result: Bool?
        // Read in place: a copy of the catalog or of an assessment is a reference count per field.
        for index in current.indices {
            // Only listed entries can be declared: a name the catalog does not list never counts.
            guard let position = context.decisions.position(named: current[index].decision),
                context.decisions.entries[position].isDeclared,
                context.decisions.entries[position].matches(refusalKey: context.refusalKeys[refusal])
                    || (context.decisions.entries[position].ect && context.readAsECTOnly[refusal])
            else { continue }
            if current[index].status == .lacks { return true }
            result = false
        }
        return result
    }

    /// `responses[stage]` in written order; those with `for_signs` only while one is active.
    /// Reads the shared timeline (a state passed by value is a copy of each of its fields).
    private func ownResponses(_ rank: Int, timeline: SettledTimeline, now: Timestamp) -> [ResponseLine] {
        guard rank < context.stages.count else { return [] }
        if let ungated = context.stages[rank].ungatedResponses { return ungated }
        let window = context.policy.policy.signsActiveFor
        return context.stages[rank].responses.compactMap { response in
            if !response.forSigns.isEmpty,
                !response.forSigns.contains(where: { timeline.state.isActive($0, now: now, window: window) })
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
