/// Checks one plan against itself and the policy (SPEC §4 "Checks", issue 2).
///
/// Errors: a person id that differs from the file name; duplicate ids; undeclared stages,
/// signs and contacts; a do-not-contact person (by id or name) in a contact route; `review_by`
/// before `agreed`; an attorney who is not a contact; two signs that match the same text.
/// Warnings: a stage with signs but no responses or no route; a plan overdue for review; a
/// refusal that is not binding; stigmatising language in staff-written text.
struct PlanValidator {
    let plan: Plan
    let policy: Policy?
    private(set) var diagnostics: [Diagnostic] = []

    init(plan: Plan, policy: Policy?) {
        self.plan = plan
        self.policy = policy
    }

    mutating func validate(fileStem: String, today: CalendarDate?, language: LanguageCheck?) {
        if plan.isComplete {
            validateIdentityAndDates(fileStem: fileStem, today: today)
        }
        checkIds()
        checkStages()
        checkSignTexts()
        checkRoutes()
        checkRoles()
        checkAttorney()
        warnAboutGaps()
        checkRefusals(today: today)
        if let language { checkLanguage(language) }
    }

    /// The person's id against the file name, and the plan's dates. Skipped when `person` or
    /// `plan` could not be read: their own errors say why, and placeholders would only add
    /// false ones.
    private mutating func validateIdentityAndDates(fileStem: String, today: CalendarDate?) {
        if plan.person.id != fileStem {
            error(
                "person id '\(plan.person.id)' differs from the file name '\(fileStem).yaml'; the id must equal the file name",
                plan.person.idSource)
        }
        if plan.dates.reviewBy < plan.dates.agreed {
            error(
                "review_by \(plan.dates.reviewBy) is before the date the plan was agreed, \(plan.dates.agreed)",
                plan.dates.reviewBySource)
        }
        if let today, today > plan.dates.reviewBy {
            warning(
                "plan-review-overdue: the plan was due for review on \(plan.dates.reviewBy); it is still used, but review it with \(plan.person.name)",
                plan.dates.reviewBySource)
        }
        if let born = plan.person.born, born > plan.dates.agreed {
            error("born \(born) is after the date the plan was agreed, \(plan.dates.agreed)", plan.person.source)
        }
    }

    /// As of `today`: an attorney's LPA registered after it is not yet created (MCA s9(2)(b)).
    private mutating func checkRefusals(today: CalendarDate?) {
        let decisions = policy.map { DecisionCatalog(policy: $0, plan: plan) }
        for refusal in plan.advanceDecisions.refusals {
            // Judged as the policy reads it: a declared decision may make it life-sustaining.
            let read = decisions?.reading(refusal) ?? refusal
            let validity = RefusalValidity(read, attorneys: plan.attorneys, born: plan.person.born, today: today)
            if !validity.binding {
                warning(
                    "advance-refusal-not-valid: the refusal of \(refusal.treatment) is not binding: "
                        + validity.notBindingBecause.joined(separator: "; "), refusal.source)
            }
            // Most likely a mistyped year: shown as written (never made less binding by a
            // typing slip), and reported.
            if let made = refusal.made, let today, made > today {
                warning(
                    "the refusal of \(refusal.treatment) is dated \(made), after today; check the date with \(plan.person.name)'s record",
                    refusal.source)
            }
            let treatment = TextNormalizer.normalize(refusal.treatment)
            let names = { (decision: Decision) in
                ([decision.treatment].compactMap { $0 } + decision.also + (decision.ect ? [decision.id] : []))
                    .map(TextNormalizer.normalize)
            }
            if !refusal.ect, let declared = policy?.decisions, !declared.contains(where: { $0.ect && names($0).contains(treatment) }),
                AdvanceRefusal.looksLikeECT(refusal.treatment)
            {
                warning(
                    refusal.saysNotECT
                        ? "refusal-may-be-ect: the refusal of '\(refusal.treatment)' looks like a refusal of ECT but says 'ect: false' and matches no decision marked 'ect: true', so it is read as not ECT: Part 4 may override it; if it is a refusal of ECT, name the ECT decision or one of its 'also' names"
                        : "refusal-may-be-ect: the refusal of '\(refusal.treatment)' looks like a refusal of ECT but matches no decision marked 'ect: true'; name the ECT decision or one of its 'also' names, so that it is never read as one Part 4 may override",
                    refusal.source)
            }
            if let declared = policy?.decisions, !declared.contains(where: { names($0).contains(treatment) }) {
                warning(
                    "refusal-without-decision: no declared decision has the treatment '\(refusal.treatment)'; it is still a decision for \(plan.person.name), but declare one under 'decisions' so that assessments and the attorney check use it",
                    refusal.source)
            }
        }
    }

    private mutating func checkIds() {
        var seen: [String: SourceLocation] = [:]
        for sign in plan.signs {
            if let first = seen[sign.id] {
                error("duplicate sign id '\(sign.id)'; it is already used at \(first.pathAndLine)", sign.source)
            }
            seen[sign.id] = sign.source
        }
        var people: [String: SourceLocation] = [:]
        let entries =
            plan.contacts.map { ($0.id, $0.source) }
            + plan.doNotContact.compactMap { entry in
                entry.id.map { ($0, entry.source) }
            }
        var byCase: [String: (id: String, source: SourceLocation)] = [:]
        for (id, source) in entries {
            if let first = people[id] {
                error("duplicate contact id '\(id)'; it is already used at \(first.pathAndLine)", source)
            } else if let other = byCase[id.lowercased()] {
                error(
                    "contact id '\(id)' differs only by case from '\(other.id)' at \(other.source.pathAndLine); use one id per person",
                    source)
            }
            people[id] = source
            byCase[id.lowercased()] = byCase[id.lowercased()] ?? (id, source)
        }
        // A plan contact with the id of a contact the policy adds would stand in for it (the
        // answer lists each id once): unless it is the same line, that hides the statutory one.
        let statutory = policy?.flags.flatMap(\.effects.addContacts) ?? []
        for contact in plan.contacts {
            guard let added = statutory.first(where: { $0.id == contact.id }) else { continue }
            let samePhone = added.phone.filter(\.isNumber) == contact.phone.filter(\.isNumber)
            if !samePhone || TextNormalizer.normalize(added.name) != TextNormalizer.normalize(contact.name) {
                error(
                    "contact id '\(contact.id)' is also a contact the policy adds (\(added.name), \(added.phone)); a plan contact with another name or number would take its place — choose another id",
                    contact.source)
            }
        }
        checkPeople()
    }

    /// One person listed twice — the same name written differently, or a look-alike — is one
    /// person: an error naming both, since withholding one must withhold the other. The same
    /// phone under two names is a warning (a family landline is often shared); a name that
    /// mixes Latin with Cyrillic or Greek letters is a warning (it may be a look-alike).
    private mutating func checkPeople() {
        struct Entry {
            var id: String?
            var blocked: Bool
            var described: String
            var name: String
            var phone: String?
            var source: SourceLocation
        }
        let people =
            plan.contacts.map { Entry(
                    id: $0.id, blocked: false, described: "'\($0.id)' (\($0.name))", name: $0.name, phone: $0.phone,
                    source: $0.source) }
            + plan.doNotContact.map { entry in
                Entry(
                    id: entry.id, blocked: true, described: entry.id.map { "'\($0)' (\(entry.name))" } ?? entry.name, name: entry.name, phone: nil,
                    source: entry.source)
            }
        // A contact who looks like a do-not-contact entry is the route check's error.
        var byLook: [String: Int] = [:]
        var byPhone: [String: Int] = [:]
        let routed = Set(plan.contactRoutes.flatMap { $0.contacts.map(\.text) })
        for (index, person) in people.enumerated() {
            // Any two entries, contacts or do-not-contact, whose names look the same are one
            // person: reported for CI, but the plan is still used (withholding one withholds
            // both). A contact on a route who looks like a do-not-contact entry is the route
            // check's error instead.
            let look = ConfusableSkeleton.of(person.name)
            let onRoute = { (entry: Entry) in !entry.blocked && entry.id.map(routed.contains) == true }
            if let first = byLook[look], person.blocked == people[first].blocked || !(onRoute(person) || onRoute(people[first])) {
                var diagnostic = Diagnostic.error(
                    "\(person.described) and \(people[first].described) at \(people[first].source.pathAndLine) are the same person by name; list them once, with every phone number under one entry",
                    at: person.source)
                diagnostic.blocksAnswers = false
                diagnostics.append(diagnostic)
            } else {
                byLook[look] = index
            }
            if let phone = person.phone {
                // Each number the field gives, as dialled at home (`+44 7700 900654` is `07700 900654`).
                let keys = PhoneNumber.keys(phone)
                if let first = keys.lazy.compactMap({ byPhone[$0] }).first {
                    warning(
                        "\(person.described) has the same phone number as \(people[first].described) at \(people[first].source.pathAndLine); if they are one person, list them once",
                        person.source)
                } else {
                    for key in keys { byPhone[key] = index }
                }
            }
            if ScriptMix.mixesLatin(person.name) {
                warning(
                    "the name '\(person.name)' mixes Latin letters with Cyrillic or Greek ones; check it is typed as intended (it may be a look-alike)",
                    person.source)
            }
        }
    }

    private mutating func checkStages() {
        guard let policy, !policy.stages.isEmpty else { return }
        let ids = policy.stages.map(\.id)
        func check(_ stage: String, _ source: SourceLocation) {
            if policy.rank(ofStage: stage) == nil {
                error("unknown stage '\(stage)'" + Suggestion.hint(for: stage, in: ids), source)
            }
        }
        for sign in plan.signs { check(sign.stage, sign.stageSource) }
        for group in plan.responses { check(group.stage, group.stageSource) }
        for route in plan.contactRoutes { check(route.stage, route.stageSource) }
        let signIds = plan.signs.map(\.id)
        for group in plan.responses {
            for response in group.responses {
                for (id, source) in zip(response.forSigns, response.forSignsSources) where !signIds.contains(id) {
                    error("unknown sign '\(id)' in for_signs" + Suggestion.hint(for: id, in: signIds), source)
                }
            }
        }
    }

    /// Two signs must not match the same observed text (SPEC §3 "Sign matching").
    private mutating func checkSignTexts() {
        var owners: [String: Int] = [:]
        for (index, sign) in plan.signs.enumerated() {
            for text in [sign.id, sign.says] + sign.also {
                let normalized = TextNormalizer.normalize(text)
                if let owner = owners[normalized], owner != index, plan.signs[owner].id != sign.id {
                    error(
                        "signs '\(plan.signs[owner].id)' and '\(sign.id)' both match the text '\(normalized)'; an observation could not tell them apart",
                        sign.source)
                } else {
                    owners[normalized] = index
                }
            }
        }
    }

    /// No one on the do-not-contact list may be on a route: by id, by name, or by a name that
    /// looks the same (confusable skeleton, UTS #39 — `Mark Tayl\u{43E}r` is Mark Taylor).
    private mutating func checkRoutes() {
        let contactIds = plan.contacts.map(\.id)
        let blocked = plan.doNotContact.map { (entry: $0, looks: ConfusableSkeleton.looks(of: $0.name)) }
        // Each contact's looks once, and only when there is a do-not-contact list to compare with.
        var skeletons: [String: [String]] = [:]
        // The phone numbers of contacts who are on the do-not-contact list: another entry with
        // one of them reaches that person.
        var blockedPhones: [String: Contact] = [:]
        if !blocked.isEmpty {
            for contact in plan.contacts { skeletons[contact.id] = ConfusableSkeleton.looks(of: contact.name) }
            let blockedKeys = Set(plan.doNotContact.compactMap(\.id).flatMap(PreparedPlan.blockedKeys))
            for contact in plan.contacts
            where blockedKeys.contains(PreparedPlan.idKey(contact.id))
                || blocked.contains(where: { $0.looks.contains(where: (skeletons[contact.id] ?? []).contains) })
            {
                for key in PhoneNumber.keys(contact.phone) where blockedPhones[key] == nil { blockedPhones[key] = contact }
            }
        }
        for route in plan.contactRoutes {
            var listed: Set<String> = []
            for entry in route.contacts {
                // The order is the person's: a second place for the same person is a slip.
                if !listed.insert(entry.text).inserted {
                    warning(
                        "'\(entry.text)' is listed twice in the \(route.stage) route; keep them once, in the place the person chose",
                        entry.source)
                    continue
                }
                // Ids as the engine compares them: `mark-taylor`, or `mаrk` with a Cyrillic `а`,
                // on a route is the `mark_taylor` or `mark` entry.
                let key = PreparedPlan.idKey(entry.text)
                if let blocked = plan.doNotContact.first(where: { listed in
                    listed.id.map { PreparedPlan.blockedKeys($0).contains(key) } ?? false
                }) {
                    error(
                        "'\(entry.text)' (\(blocked.name)) is on the do-not-contact list and cannot be in a contact route",
                        entry.source)
                } else if let contact = plan.contact(entry.text) {
                    if let looks = skeletons[contact.id], let match = blocked.first(where: { $0.looks.contains(where: looks.contains) }) {
                        let same = TextNormalizer.normalize(match.entry.name) == TextNormalizer.normalize(contact.name)
                        error(
                            "'\(entry.text)' is \(contact.name), who "
                                + (same ? "is" : "looks the same as \(match.entry.name), who is")
                                + " on the do-not-contact list, and cannot be in a contact route",
                            entry.source)
                    } else if !contact.professional,
                        let listed = plan.doNotContact.first(where: { FullName($0.name)?.isWithin(contact.name) == true })
                    {
                        // Read from a name or a number, so it may be someone else who shares
                        // them: an error for CI, never a reason to withhold the answer (the
                        // engine keeps them off the route either way).
                        secondEntryError(
                            "'\(entry.text)' is \(contact.name), whose name holds \(listed.name), who is on the do-not-contact list, and cannot be in a contact route",
                            entry.source)
                    } else if !contact.professional,
                        let owner = PhoneNumber.keys(contact.phone).lazy.compactMap({ blockedPhones[$0] }).first,
                        owner.id != contact.id
                    {
                        secondEntryError(
                            "'\(entry.text)' has the phone number of '\(owner.id)' (\(owner.name)), who is on the do-not-contact list, and cannot be in a contact route",
                            entry.source)
                    }
                } else {
                    error(
                        "unknown contact '\(entry.text)' in contact route"
                            + Suggestion.hint(for: entry.text, in: contactIds),
                        entry.source)
                }
            }
        }
    }

    /// A role no flag of the policy consults finds no one: most likely a slip for one it does.
    private mutating func checkRoles() {
        guard let policy else { return }
        let consulted = policy.flags.flatMap(\.effects.consultRoles)
        let holders =
            plan.contacts.map { (name: $0.name, roles: $0.roles, source: $0.source) }
            + plan.doNotContact.map { (name: $0.name, roles: $0.roles, source: $0.source) }
        for holder in holders {
            for role in holder.roles where !consulted.contains(where: { RoleName.holds(role, $0) }) {
                warning(
                    "role '\(role)' is not one the policy consults, so no flag will find \(holder.name) by it"
                        + Suggestion.hint(for: role, in: consulted, listing: "the policy consults"),
                    holder.source)
            }
        }
    }

    /// Each attorney is a contact; the plan says which kind of LPA it is; the donor was 18
    /// when it was made; and where a refusal could be overtaken, the date it was registered.
    private mutating func checkAttorney() {
        let hasRefusal = !plan.advanceDecisions.refusals.isEmpty
        for attorney in plan.attorneys {
            if plan.contact(attorney.contact) == nil {
                let hint = Suggestion.hint(for: attorney.contact, in: plan.contacts.map(\.id))
                error("the attorney '\(attorney.contact)' is not one of the plan's contacts" + hint, attorney.contactSource)
            }
            if attorney.kind == nil {
                warning(
                    "attorney-type-missing: the plan does not say which kind of lasting power of attorney '\(attorney.contact)' holds; write type: health_and_welfare or property_and_affairs (until then they cannot act)",
                    attorney.source)
            }
            if let made = attorney.made, let registered = attorney.registeredOn, registered < made {
                error(
                    "the lasting power of attorney held by '\(attorney.contact)' is registered on \(registered), before it was made on \(made); correct one of the dates",
                    attorney.source)
            }
            if attorney.madeUnder18(born: plan.person.born) {
                warning(
                    "attorney-not-valid: the lasting power of attorney held by '\(attorney.contact)' was made before \(plan.person.name) was 18, so it is not valid (MCA 2005 s9(2)(c))",
                    attorney.source)
            }
            if attorney.kind == .healthAndWelfare, attorney.registeredOn == nil, hasRefusal {
                warning(
                    "attorney-registration-date-missing: give 'registered_on', the date the lasting power of attorney held by '\(attorney.contact)' was registered; it is compared with the refusals' dates, and until then its signing date ('made') is used",
                    attorney.source)
            }
        }
    }

    /// A stage with signs but nothing to do, or no one to call, would leave a crisis worker
    /// with an empty answer at the moment it matters.
    private mutating func warnAboutGaps() {
        var reported: Set<String> = []
        let policy = self.policy
        let declared = { (stage: String) in policy?.rank(ofStage: stage) != nil }
        for sign in plan.signs where !reported.contains(sign.stage) && declared(sign.stage) {
            reported.insert(sign.stage)
            if plan.responses(forStage: sign.stage).isEmpty {
                warning(
                    "stage '\(sign.stage)' has signs but no responses; add what helps at this stage, in the person's words",
                    sign.stageSource)
            }
            if plan.route(forStage: sign.stage)?.contacts.isEmpty ?? true {
                warning(
                    "stage '\(sign.stage)' has signs but no contact route; add who to contact at this stage",
                    sign.stageSource)
            }
        }
    }

    /// Staff-written text only (SPEC v2 §3): responses by the care team and the care team's
    /// side of a view. Everything else in a plan — signs, the person's and supporters'
    /// responses, `when_unwell`, statements, refusals ("refuse" is the statutory word),
    /// do-not-contact reasons — is the person's own words and is never marked.
    private mutating func checkLanguage(_ check: LanguageCheck) {
        var texts: [SourcedText] = []
        for group in plan.responses {
            texts += group.responses.filter { $0.by == .careTeam }.map { SourcedText(text: $0.action, source: $0.source) }
        }
        texts += plan.views.map { SourcedText(text: $0.careTeam, source: $0.source) }
        for text in texts {
            for rule in check.findings(in: text.text) {
                warning("language: '\(rule.avoid)' labels the person; instead: \(rule.prefer)", text.source)
            }
        }
    }

    private mutating func error(_ message: String, _ source: SourceLocation) {
        diagnostics.append(.error(message, at: source))
    }

    /// A `check` error that never stops an answer.
    private mutating func secondEntryError(_ message: String, _ source: SourceLocation) {
        var diagnostic = Diagnostic.error(message, at: source)
        diagnostic.blocksAnswers = false
        diagnostics.append(diagnostic)
    }

    private mutating func warning(_ message: String, _ source: SourceLocation) {
        diagnostics.append(.warning(message, at: source))
    }
}
