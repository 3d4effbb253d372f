/// `crisisplan analyze`: what no example case would show — rules that can never fire or
/// always do, stages nothing reaches, facts and decisions nothing reads, emergencies without a
/// number to call, withholding that does not outlast the flag, and, per plan, routes closed at
/// night, stages without responses and what a complete safety plan holds.
///
/// Conditions are decided over their declared domains (`ConditionSpace`), exhaustively; a
/// condition too large for that (more than 4,096 terms) is left undecided, never guessed.
public struct PolicyAnalyzer {
    public private(set) var findings: [AnalysisFinding] = []
    let policy: Policy
    var space: ConditionSpace

    public init(policy: Policy, plans: [Plan]) {
        self.policy = policy
        space = ConditionSpace(policy: policy)
        // Stages first: conditions are then decided over the stages a plan can reach.
        analyzeStages(plans)
        analyzeConditions()
        analyzeUse(plans)
        analyzeFlags()
        for plan in plans { analyze(plan) }
    }

    mutating func add(
        _ severity: AnalysisFinding.Severity, _ code: String, _ message: String, at location: SourceLocation,
        item: SourceLocation? = nil
    ) {
        findings.append(AnalysisFinding(severity: severity, code: code, message: message, location: location, item: item))
    }

    private mutating func analyzeConditions() {
        for flag in policy.flags {
            if space.satisfiable(flag.when) == false {
                add(.error, "flag-never-fires", "flag '\(flag.id)' can never fire: no state satisfies its condition; correct the values or the comparison in 'when'", at: flag.when.source, item: flag.source)
            } else if space.valid(flag.when) == true {
                add(.warning, "flag-always-fires", "flag '\(flag.id)' fires for every state; if that is meant, say so with '# analyze: accept', else narrow 'when'", at: flag.when.source, item: flag.source)
            }
        }
        for rule in policy.escalation {
            if space.satisfiable(rule.when) == false {
                add(.error, "rule-never-fires", "escalation rule '\(rule.id)' can never hold; correct its 'when'", at: rule.when.source, item: rule.source)
            } else if let below = space.stageBelow(rule.raiseTo), space.satisfiable(rule.when, and: [below]) == false {
                add(.warning, "rule-has-no-effect", "escalation rule '\(rule.id)' holds only when the stage is already '\(rule.raiseTo)' or above; it never raises it — remove it or widen 'when'", at: rule.source)
            }
        }
        for prompt in policy.prompts {
            if let when = prompt.when, space.satisfiable(when) == false {
                add(.error, "prompt-never-opens", "prompt '\(prompt.id)' can never open: no state satisfies its condition; correct its 'when'", at: when.source, item: prompt.source)
            }
        }
    }

    /// A stage above the first is reached by a sign of some plan, or by an escalation rule or a
    /// flag that can hold at a stage already reached — worked out to a fixed point, so that a
    /// rule or flag that holds only at the stage it raises to (`stage: {at_least: emergency}`,
    /// `raise_to: emergency`) reaches nothing. The rest are unreachable, and left out of the
    /// stages conditions are decided over.
    private mutating func analyzeStages(_ plans: [Plan]) {
        var space = self.space
        let rank = Dictionary(policy.stages.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var reachable: Set<Int> = policy.stages.isEmpty ? [] : [0]
        reachable.formUnion(plans.flatMap { $0.signs.compactMap { rank[$0.stage] } })
        let raisers = policy.escalation.map { ($0.when, $0.raiseTo) } + policy.flags.compactMap { flag in
            flag.effects.raiseTo.map { (flag.when, $0) }
        }
        var grew = true
        while grew {
            grew = false
            space.reachableStages = reachable
            for (when, raiseTo) in raisers {
                guard let target = rank[raiseTo], !reachable.contains(target), space.satisfiable(when) != false else { continue }
                reachable.insert(target)
                grew = true
            }
        }
        for (position, stage) in policy.stages.enumerated().dropFirst() where !reachable.contains(position) {
            add(.warning, "stage-unreachable", "stage '\(stage.id)' is reached by no sign of any plan, no escalation rule and no flag; give it a rule or remove it", at: stage.source)
        }
        space.reachableStages = reachable
        self.space = space
    }

    /// Facts and decisions declared and never read.
    private mutating func analyzeUse(_ plans: [Plan]) {
        var conditions = policy.flags.map(\.when) + policy.escalation.map(\.when) + policy.prompts.compactMap(\.when)
        conditions += policy.consistency.flatMap { [$0.when, $0.expect] }
        var read = Set(conditions.flatMap(\.factsRead))
        read.formUnion(policy.prompts.map(\.ask))
        read.formUnion(policy.redFlags.map(\.ask))
        read.formUnion(policy.flags.compactMap(\.effects.withholdContactNamedBy))
        for fact in policy.facts where !read.contains(fact.id) && !fact.sourceOfHarm {
            add(.warning, "fact-unused", "fact '\(fact.id)' is declared and never read by a flag, rule, prompt or red flag; remove it or use it", at: fact.source)
        }
        let tests = conditions.flatMap(\.capacityTests)
        // A capacity condition naming no decision reads them all.
        guard !tests.contains(where: { $0.decision == nil }) else { return }
        var used = Set(tests.compactMap(\.decision))
        let refused = Set(plans.flatMap { $0.advanceDecisions.refusals.map { TextNormalizer.normalize($0.treatment) } })
        for plan in plans { used.formUnion(plan.attorneys.flatMap(\.covers)) }
        for decision in policy.decisions ?? []
        where !used.contains(decision.id)
            && !([decision.treatment ?? decision.id] + decision.also).contains(where: { refused.contains(TextNormalizer.normalize($0)) })
        {
            add(.warning, "decision-unused", "decision '\(decision.id)' is declared and never read by a condition, a flag, a refusal or an attorney; remove it or use it", at: decision.source)
        }
    }

    private mutating func analyzeFlags() {
        for flag in policy.flags where flag.kind == .emergency {
            if flag.effects.addContacts.isEmpty {
                add(.error, "emergency-without-contact", "emergency flag '\(flag.id)' adds no one to call; add 'effects: add_contacts' (999)", at: flag.source)
            }
            if flag.firstAction == nil {
                add(.warning, "emergency-without-first-action", "emergency flag '\(flag.id)' has no 'first_action' for the EMERGENCY header; add one, like \"Call 999 for an ambulance now\"", at: flag.source)
            }
        }
        for flag in policy.flags {
            guard let fact = flag.effects.withholdContactNamedBy,
                let declared = policy.facts.first(where: { $0.id == fact }), !declared.sourceOfHarm
            else { continue }
            add(.error, "withholding-without-source-of-harm", "flag '\(flag.id)' withholds whoever '\(fact)' names, but '\(fact)' is not 'source_of_harm: true', so they return to the route when the flag stops; mark the fact", at: flag.effects.withholdSource ?? flag.source, item: flag.source)
        }
    }

    /// Whether some emergency or crisis flag adds a contact open all day and night.
    private var policyAddsRoundTheClock: Bool {
        policy.flags.contains { flag in flag.effects.addContacts.contains { $0.hours == nil || $0.hours == .always } }
    }

    private mutating func analyze(_ plan: Plan) {
        let location = plan.person.source
        // Only stages a plan can reach: one nothing reaches is reported once, as unreachable.
        for (rank, stage) in policy.stages.enumerated().dropFirst()
        where space.reachableStages.contains(rank) && plan.responses(forStage: stage.id).isEmpty {
            add(.warning, "stage-without-responses", "\(plan.person.name)'s plan has no responses for '\(stage.id)'; ask them what helps then", at: location)
        }
        let routed = Set(plan.contactRoutes.flatMap { $0.contacts.map(\.text) })
        let attorneys = Set(plan.attorneys.map(\.contact))
        for contact in plan.contacts where !routed.contains(contact.id) && !attorneys.contains(contact.id) {
            add(.info, "contact-not-on-any-route", "\(contact.name) is on no contact route; add them to a stage's route or say why not", at: contact.source)
        }
        for contact in plan.contacts where PhoneNumber.dialable(contact.phone) == nil {
            add(.warning, "phone-not-a-number", "\(contact.name)'s phone '\(contact.phone)' is not one telephone number; write only the number", at: contact.source)
        }
        for stage in urgentStages {
            guard let route = plan.route(forStage: stage.id) else { continue }
            let contacts = route.contacts.compactMap { plan.contact($0.text) }
            for contact in contacts where contact.professional && contact.hours == nil {
                add(.warning, "professional-contact-without-hours", "\(contact.name) is a professional on the '\(stage.id)' route without 'hours'; say when they answer", at: contact.source)
            }
        }
        analyzeOpenRoutes(plan)
        // A complete plan, as the safety plan and NICE quality standard 14 list it.
        var missing: [String] = []
        if plan.signs.isEmpty { missing.append("early warning signs") }
        if !plan.responses.flatMap(\.responses).contains(where: { $0.by == .me }) { missing.append("own coping") }
        if !plan.contacts.contains(where: { !$0.professional }) { missing.append("people and places") }
        // Both halves: a professional, and someone who answers at any hour (in the plan, or
        // added by the policy, as 999 is).
        let roundTheClock = policyAddsRoundTheClock || plan.contacts.contains { $0.hours == .always }
        if !plan.contacts.contains(where: \.professional) || !roundTheClock {
            missing.append("professionals and 24-hour access")
        }
        if plan.advanceDecisions.statements.isEmpty { missing.append("advance statements") }
        if plan.whenUnwell.takeCareOf.isEmpty { missing.append("practical needs (take_care_of)") }
        for part in missing {
            add(.info, "plan-missing", "\(plan.person.name)'s plan has no \(part); a complete crisis plan has it — add it with them", at: location)
        }
    }

    /// Findings accepted by `# analyze: accept CODE — reason` on the line above their item (a
    /// flag, rule or prompt's `- id:` line), or above the line they point at. Several accept
    /// comments may stand one above another, one per code.
    public mutating func applyAcceptances(_ sources: [SourceFile]) {
        // Split as lines are ended anywhere: a Windows line end ("\r\n") is one character.
        let lines = Dictionary(sources.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)) }) { first, _ in first }
        for index in findings.indices {
            let finding = findings[index]
            let places = [finding.location] + (finding.item.map { [$0] } ?? [])
            let reason = places.lazy.compactMap { place in
                lines[place.file].flatMap { Self.acceptance(of: finding.code, above: place.mark.line, in: $0) }
            }.first
            guard let reason else { continue }
            // An acceptance is a decision someone must be able to read later: without its
            // reason it accepts nothing, and the finding says what is missing.
            guard !reason.isEmpty else {
                findings[index].message += " (the '# analyze: accept \(finding.code)' above it gives no reason, so it does not accept it: write why after '—')"
                continue
            }
            findings[index].severity = .info
            findings[index].accepted = reason
        }
    }

    /// The reason of an accept comment for `code` in the comments just above a line (1-based);
    /// empty when it gives none.
    private static func acceptance(of code: String, above line: Int, in text: [Substring]) -> String? {
        var index = line - 2
        while index >= 0, index < text.count {
            let comment = text[index].drop { $0 == " " || $0 == "\t" }
            guard comment.hasPrefix("#") else { return nil }
            index -= 1
            guard comment.hasPrefix("# analyze: accept ") else { continue }
            let rest = comment.dropFirst("# analyze: accept ".count)
            let named = rest.prefix { !$0.isWhitespace }
            guard named == code else { continue }
            var reason = Substring(rest.dropFirst(named.count))
            while let first = reason.first, first.isWhitespace || first.isPunctuation || first == "—" || first == "–" || first == "-" {
                reason.removeFirst()
            }
            while let last = reason.last, last.isWhitespace { reason.removeLast() }
            // Punctuation alone ("—", ":") is no reason.
            return reason.contains(where: { $0.isLetter || $0.isNumber }) ? String(reason) : ""
        }
        return nil
    }
}
