import Synchronization

/// One person's plan prepared against a policy: everything evaluation looks up, built once.
///
/// A class, immutable after `init`, so that passing it around the evaluation costs one
/// reference count rather than a copy of the whole plan.
public final class EvaluationContext: Sendable {
    // The stored properties are laid out in the order written, and a library's plans are
    // mostly out of the cache when one is asked about: what every evaluation reads comes
    // first, to share a few cache lines, and the plan itself (several hundred bytes, read
    // field by field only for rarer lines) comes last.
    public let policy: CompiledPolicy
    /// The lines of this plan's prepared parts, asked for together before an evaluation reads
    /// them one by one (`WorkingSet`). Set once, at the end of `init`, before the context is
    /// shared, and only read after.
    nonisolated(unsafe) private(set) var workingSet = WorkingSet()
    // The prepared plan's parts (`matcher`, `signIds`, `suggester`, `people`) are held here
    // too, sharing their storage: evaluation reads them in place, where reading them through
    // `prepared` would copy each on every access.
    let matcher: SignMatcher
    /// The signs suggested for each unrecognised text, beside the matcher that found none.
    /// Not private: tests read it to see that an answer's suggestions were remembered.
    let memo = Mutex(SuggestionMemo())
    /// Each sign's id, by its position in the plan (read on every evaluation without copying
    /// the signs themselves).
    let signIds: [String]
    /// Each sign's stage rank, by the sign's position in the plan.
    let signRanks: [Int]
    /// Each sign as an unrecognised observation's suggestion shows it: id, words, stage label.
    let suggestedSigns: [SuggestedSign]

    // Answer lines that do not depend on the observations, with their sources, built once.
    /// Per stage rank: the responses and the route.
    let stages: [PreparedStage]
    /// Whether any response names someone in the plan (else there is never anything to mark).
    let responsesNameSomeone: Bool
    let doNotContactLines: [DoNotContactLine]
    let helps: [String]
    let avoid: [String]
    let takeCareOf: [String]
    let statements: [String]
    let refusals: [(refusal: AdvanceRefusal, validity: RefusalValidity, source: String)]
    /// Whether any refusal as prepared is not binding (an answer then says why).
    let someRefusalNotBinding: Bool
    /// Per decision in the catalog: the refusals, a bit each by position, whose `applies_now`
    /// an assessment of it decides (it is declared, and about the refused treatment); every
    /// bit in a plan of more than 64 refusals. Most assessments decide none, and their answers
    /// then read no refusal line.
    let refusalsDecidedBy: [UInt64]
    /// Per refusal: read as ECT by its wording, with no declared decision naming its treatment.
    let readAsECTOnly: [Bool]
    /// The refusal lines when no assessment counts and no Part 4 flag fires (the usual answer).
    let unassessedRefusalLines: [RefusalLine]
    /// Whether any contact gives `hours`: only then is the local time worked out.
    let hasHours: Bool
    /// The latest `registered_on` of any attorney: before it, refusal validity is worked out
    /// again for the day (an LPA registered later is not yet created).
    let latestRegistration: CalendarDate?
    /// `attorney-type-missing`: what the plan alone says, whatever is observed, built once.
    let fixedPlanWarnings: [AnswerWarning]
    /// `contact-hours-invalid` for each plan contact whose hours cannot be read, given only
    /// when that contact is in the answer (its `open_now` is then null).
    let hoursWarnings: [(contact: String, warning: AnswerWarning)]
    /// The decisions an assessment may name for this person.
    let decisions: DecisionCatalog
    // The plan's fields every answer carries, read here rather than from the plan.
    let personId: String
    let personName: String
    let pronouns: String?
    let reviewBy: CalendarDate
    let attorneys: [Attorney]
    let views: [DifferingView]
    /// The contact of the attorney the answer's `attorney` names (`Plan.attorney`).
    let chosenAttorney: String?

    // Read for rarer lines: a sign not recognised for the first time, a contact fact, a refusal.
    let suggester: SignSuggester
    /// Everyone the plan names, for `contact` facts.
    let people: PlanPeople
    /// Each sign's stage, by the sign's position in the plan.
    let signStages: [String]
    /// Per refusal: its treatment normalised, for matching assessed decisions.
    let refusalKeys: [String]
    /// Per refusal: whether it refuses ECT — by its own `ect`, an `ect` decision it names, or
    /// a treatment that reads as ECT (never overridden under Part 4).
    let ectRefusals: [Bool]
    /// Per refusal: whether it refuses treatment for the mental disorder (Part 4 may override
    /// such a refusal when it binds and is not of ECT).
    let mentalDisorderRefusals: [Bool]
    /// The plan's refusals as the policy reads them (`DecisionCatalog.reading`), in order.
    public let advanceRefusals: [AdvanceRefusal]
    let personSource: String
    let reviewBySource: String
    /// What the plan alone decides, shared with the previous library when only the policy
    /// changed (`PreparedPlan`).
    public let prepared: PreparedPlan
    public let plan: Plan

    public convenience init(policy: CompiledPolicy, plan: Plan) {
        self.init(policy: policy, prepared: PreparedPlan(plan))
    }

    public init(policy: CompiledPolicy, prepared: PreparedPlan) {
        self.policy = policy
        self.prepared = prepared
        let plan = prepared.plan
        self.plan = plan
        matcher = prepared.matcher
        suggester = prepared.suggester
        people = prepared.people
        signIds = prepared.signIds
        suggestedSigns = plan.signs.map { sign in
            let label = policy.policy.stages.first(where: { $0.id == sign.stage })?.label ?? sign.stage
            return SuggestedSign(id: sign.id, says: sign.says, stageLabel: label)
        }
        // A local too: read before every stored property is set (the refusals, below).
        let decisions = DecisionCatalog(policy: policy.policy, plan: plan)
        self.decisions = decisions
        signStages = plan.signs.map(\.stage)
        signRanks = plan.signs.map { policy.stageRank[$0.stage] ?? 0 }
        let stages = policy.policy.stages.map { stage in
            let responses = plan.responses(forStage: stage.id).map { response in
                (
                    forSigns: response.forSigns.compactMap { id in plan.signs.firstIndex { $0.id == id } },
                    line: ResponseLine(
                        by: response.by, action: response.action, source: response.source.pathAndLine,
                        mentions: prepared.mentions[response.action] ?? [])
                )
            }
            return PreparedStage(
                responses: responses,
                ungatedResponses: responses.allSatisfy { $0.forSigns.isEmpty } ? responses.map(\.line) : nil,
                route: prepared.route(forStage: stage.id))
        }
        self.stages = stages
        responsesNameSomeone = stages.contains { $0.responses.contains { !$0.line.mentions.isEmpty } }
        doNotContactLines = plan.doNotContact.map {
            DoNotContactLine(id: $0.id, name: $0.name, reason: $0.reason ?? "", source: $0.source.pathAndLine)
        }
        helps = plan.whenUnwell.helps.map(\.text)
        avoid = plan.whenUnwell.avoid.map(\.text)
        takeCareOf = plan.whenUnwell.takeCareOf.map(\.text)
        statements = plan.advanceDecisions.statements.map(\.text)
        advanceRefusals = plan.advanceDecisions.refusals.map(decisions.reading)
        refusals = advanceRefusals.map {
            ($0, RefusalValidity($0, attorneys: plan.attorneys, born: plan.person.born), $0.source.pathAndLine)
        }
        someRefusalNotBinding = self.refusals.contains { !$0.validity.binding }
        latestRegistration = plan.attorneys.compactMap(\.registeredOn).max()
        // Read refusals already carry a declared ECT decision's `ect`; the wording covers the
        // rest, unless the plan says `ect: false` (then `check` warns, and the author decides).
        ectRefusals = advanceRefusals.map { $0.ect || (!$0.saysNotECT && AdvanceRefusal.looksLikeECT($0.treatment)) }
        refusalKeys = plan.advanceDecisions.refusals.map { TextNormalizer.normalize($0.treatment) }
        let keys = refusalKeys
        // A refusal read as ECT by its wording alone ("E.C.T.", "shock treatment") is decided
        // by an assessment of the policy's ECT decision, as a refusal written "ECT" is: the
        // answer never calls it ECT while leaving whether it applies unknown.
        let readAsECT = ectRefusals
        let entries = decisions.entries
        let readAsECTOnly = keys.indices.map { position in
            readAsECT[position] && !entries.contains { $0.isDeclared && $0.matches(refusalKey: keys[position]) }
        }
        refusalsDecidedBy = entries.map { entry in
            guard keys.count <= 64 else { return .max }
            var decided: UInt64 = 0
            for (position, key) in keys.enumerated()
            where entry.isDeclared && (entry.matches(refusalKey: key) || (entry.ect && readAsECTOnly[position])) {
                decided |= 1 << UInt64(position)
            }
            return decided
        }
        self.readAsECTOnly = readAsECTOnly
        let (ect, prepared) = (ectRefusals, refusals)
        unassessedRefusalLines = prepared.indices.map { position in
            RefusalLine(
                prepared[position].refusal, prepared[position].validity, source: prepared[position].source,
                ect: ect[position])
        }
        mentalDisorderRefusals = advanceRefusals.map(\.forMentalDisorder)
        hasHours = plan.contacts.contains { $0.hours != nil }
        var fixed: [AnswerWarning] = []
        for attorney in plan.attorneys where attorney.kind == nil {
            fixed.append(
                AnswerWarning(
                    code: .attorneyTypeMissing,
                    message:
                        "the plan does not say which kind of lasting power of attorney \(plan.contact(attorney.contact)?.name ?? attorney.contact) holds (health and welfare, or property and affairs); until it does, they cannot act (MCA 2005 s9(1))",
                    source: attorney.source.pathAndLine))
        }
        fixedPlanWarnings = fixed
        hoursWarnings = plan.contacts.compactMap { contact in AnswerWarning.hoursUnreadable(contact).map { (contact.id, $0) } }
        personSource = (plan.person.keySource ?? plan.person.source).pathAndLine
        reviewBySource = plan.dates.reviewBySource.pathAndLine
        personId = plan.person.id
        personName = plan.person.name
        pronouns = plan.person.pronouns
        reviewBy = plan.dates.reviewBy
        attorneys = plan.attorneys
        views = plan.views
        chosenAttorney = plan.attorney?.contact
        workingSet = preparedWorkingSet()
    }

    /// Asks for every line an evaluation of this plan reads, before it reads them.
    func prefetch() {
        workingSet.prefetch()
    }

    /// This object's own lines, then its parts', most needed first. Only what most answers
    /// read: the lists an answer shares need only their header (where the reference count
    /// is), and the decisions, read only when capacity is assessed, are left to be fetched
    /// then — every line here is kept for every plan, and 5,000 plans hold two libraries'
    /// worth during a reload.
    private func preparedWorkingSet() -> WorkingSet {
        var set = WorkingSet()
        set.add(object: self, atMost: 1024)
        set.add(signIds)
        set.add(signRanks)
        matcher.addStorage(to: &set)
        set.add(stages)
        for stage in stages {
            if let ungated = stage.ungatedResponses { set.add(ungated, atMost: 64) } else { set.add(stage.responses) }
            set.add(stage.route)
            for line in stage.route { line.addStorage(to: &set) }
        }
        for part in [helps, avoid, takeCareOf, statements] { set.add(part, atMost: 64) }
        set.add(doNotContactLines, atMost: 64)
        set.add(refusals)
        set.add(unassessedRefusalLines, atMost: 64)
        set.add(fixedPlanWarnings, atMost: 64)
        set.add(attorneys, atMost: 64)
        set.add(views, atMost: 64)
        set.add(personName)
        suggester.addStorage(to: &set)
        set.add(suggestedSigns, atMost: 64)
        return set
    }

    /// Whether the refusals bind on `today` as prepared (no attorney is registered later).
    func refusalsAsPrepared(on today: CalendarDate) -> Bool {
        guard let latestRegistration else { return true }
        return today >= latestRegistration
    }

    /// Each refusal with whether it binds on `today`.
    func refusals(on today: CalendarDate) -> [(refusal: AdvanceRefusal, validity: RefusalValidity, source: String)] {
        guard let latestRegistration, today < latestRegistration else { return refusals }
        return refusals.map {
            ($0.refusal, RefusalValidity($0.refusal, attorneys: plan.attorneys, born: plan.person.born, today: today),
                $0.source)
        }
    }

    /// The `unknown-sign` warning for a text that matches none of the person's signs, with the
    /// signs it may have meant (`SignSuggester`), and the red flags its words match. The
    /// suggestions are worked out once per text and plan, then remembered (`SuggestionMemo`):
    /// the same few texts come back in one person's crisis, and recognised signs never reach
    /// here. The memo holds only sign positions, so that a library's memos stay a few cache
    /// lines a plan: the ids and the message are written again each time, and the signs in the
    /// person's words are read from the plan's list when shown (`SuggestedSigns`). The warning
    /// is built here, from what is worked out here, so that it is moved into the answer rather
    /// than copied field by field.
    func unknownSign(_ text: String, at source: String) -> (warning: AnswerWarning, redFlags: [Int]) {
        // The policy reads the text once for everyone; this plan's memo is keyed by that
        // reading's serial number, cheaper to hash than the text.
        let read = policy.unrecognised(text)
        // Worked out under the plan's lock, so that two answers for one person at once do not
        // both work it out: microseconds, once per text (every time for the rare text with more
        // suggestions than an entry holds).
        let (near, unkept) = memo.withLock { memo -> (SuggestionMemo.Entry?, [Int]) in
            if let known = memo.entry(for: read.serial) { return (known, []) }
            let positions = suggester.suggest(read)
            guard let entry = SuggestionMemo.Entry(serial: read.serial, positions: positions) else {
                return (nil, positions)
            }
            memo.remember(entry)
            return (entry, [])
        }
        let count = near?.count ?? unkept.count
        var ids: [String] = []
        if count > 0 { ids.reserveCapacity(count) }
        for index in 0..<count { ids.append(signIds[near?[index] ?? unkept[index]]) }
        let warning = AnswerWarning(
            code: .unknownSign, message: unknownSignMessage(text), source: source, suggestions: ids, observed: text,
            suggestedSigns: near.map { SuggestedSigns(suggestedSigns, at: $0) }
                ?? SuggestedSigns(unkept.map { suggestedSigns[$0] }))
        return (warning, read.redFlags)
    }
    /// As many distinct texts as one plan's memo holds at once.
    static let memoLimit = SuggestionMemo.slots

    /// `'text' matches none of …`, for an `unknown-sign` warning. Written from the program's
    /// own text and the person's name: a suffix kept per plan was a cache miss or two per
    /// message in a plan nobody had asked about for a while.
    private func unknownSignMessage(_ observed: String) -> String {
        String(writing: { text in
            text.append("'")
            text.append(observed)
            text.append("' matches none of ")
            text.append(personName)
            text.append("'s early warning signs; it is recorded, not taken as all clear")
        })
    }

    /// Whether someone is on the do-not-contact list, by id or by normalised name.
    func isBlocked(id: String?, name: String) -> Bool {
        isBlocked(id: id, look: skeleton(of: name)) || undisguised(of: name).map(prepared.blockedNames.contains) == true
    }

    /// A name's other look, when its ASCII disguises undo to something else.
    func undisguised(of name: String) -> String? {
        if prepared.skeletons[name] != nil { return prepared.undisguised[name] }
        let looks = ConfusableSkeleton.looks(of: name)
        return looks.count > 1 ? looks[1] : nil
    }

    /// As above, for a name whose confusable skeleton (`look`) is already known.
    func isBlocked(id: String?, look: String) -> Bool {
        if let id, prepared.blockedIds.contains(PreparedPlan.idKey(id)) { return true }
        return prepared.blockedNames.contains(look)
    }

    /// A name's confusable skeleton, from the tables when the plan or the policy uses the name.
    func skeleton(of name: String) -> String {
        prepared.skeletons[name] ?? policy.addedContactSkeletons[name] ?? ConfusableSkeleton.of(name)
    }
}
