/// Who to contact, who is withheld, and what a named professional must decide (SPEC §6, v3
/// §10.1, §10.12).
///
/// The person's route comes first, in their order, minus anyone on the do-not-contact list and
/// anyone withheld; then contacts added by fired flags. Someone a flag would add, or a statutory
/// role holder, who is on the do-not-contact list or withheld becomes a conflict — never a
/// contact. Anyone a `source_of_harm` fact has named is withheld whatever fires.
struct ContactAssembler {
    let context: EvaluationContext
    let rank: Int
    /// The conditions at the final stage, and through them the timeline's state.
    let conditions: ConditionEvaluator
    /// Each refusal with whether it binds today.
    let refusals: [(refusal: AdvanceRefusal, validity: RefusalValidity, source: String)]
    private(set) var contacts: [ContactLine] = []
    private(set) var withheld: [WithheldLine] = []
    private(set) var conflicts: [ConflictLine] = []
    private(set) var routeIsEmpty = true
    /// Roles a fired flag asks to consult that no one in the plan holds: (role, flag id).
    private(set) var unrecordedRoles: [(String, String)] = []
    private(set) var attorneys: [AttorneyLine] = []
    /// `source-of-harm-still-withheld`, `source-of-harm-reinstated` and `contact-closed-now`.
    private(set) var warnings: [AnswerWarning] = []
    private(set) var routeNotice: String?
    private var withheldIds: Set<String> = []
    private var withheldNames: Set<String> = []

    init(
        context: EvaluationContext, rank: Int, conditions: ConditionEvaluator,
        refusals: [(refusal: AdvanceRefusal, validity: RefusalValidity, source: String)]
    ) {
        self.context = context
        self.rank = rank
        self.conditions = conditions
        self.refusals = refusals
    }

    /// `fired` holds the positions of the fired flags in the policy, in declaration order;
    /// `part4` the first fired flag with `mha_part4: true`, if any.
    mutating func assemble(fired: [Int], current: [CapacityAssessment], part4: String?) {
        let flags = context.policy.policy.flags
        withholdSourcesOfHarm(fired: fired)
        for index in fired { withhold(byFlagAt: index) }
        if !withheld.isEmpty { withholdSecondEntries() }
        if withheld.count > 1 {
            let never = Timestamp(seconds: .max)
            withheld = withheld.enumerated().sorted {
                ($0.element.namedAt ?? never, $0.offset) < ($1.element.namedAt ?? never, $1.offset)
            }.map(\.element)
        }
        let ownRoute = conditions.route(rank: rank)
        checkHours(ownRoute)
        let remaining = withheld.isEmpty ? ownRoute : ownRoute.filter { !isWithheld(id: $0.id, name: $0.name) }
        routeIsEmpty = remaining.isEmpty
        // Emergency contacts (999) come before the person's route; other additions follow it.
        var first: [ContactLine] = []
        var after: [ContactLine] = []
        for index in fired {
            let added = context.policy.addedContacts[index]
            let looks = context.policy.addedContactLooks[index]
            // Each line read in place, and copied once, into the part it joins.
            for position in added.indices {
                if excluded(id: added[position].id, look: looks[position]) {
                    let (flag, name) = (flags[index].id, added[position].name)
                    conflicts.append(
                        ConflictLine(
                            role: "added_contact", name: name, flag: flag,
                            message:
                                "flag '\(flag)' would add \(name), who is on the do-not-contact list or withheld; not added — a named professional decides"
                        ))
                } else {
                    if flags[index].kind == .emergency {
                        first.append(added[position])
                    } else {
                        after.append(added[position])
                    }
                    if let unreadable = context.policy.addedContactHoursWarnings[index][position],
                        !warnings.contains(unreadable)
                    {
                        warnings.append(unreadable)
                    }
                }
            }
            for role in flags[index].effects.consultRoles { consult(role, forFlag: flags[index].id) }
        }
        if first.isEmpty && after.isEmpty {
            contacts = remaining
        } else {
            contacts.reserveCapacity(first.count + remaining.count + after.count)
            appendNew(first)
            appendNew(remaining)
            appendNew(after)
        }
        if context.hasHours || context.policy.addedContactsHaveHours { describeHours() }
        addNotes(fired: fired)
        attorneys = context.attorneys.map { attorneyLine($0, current: current, part4: part4) }
    }

    /// Appends the lines whose contact is not yet among the contacts, in order; a line is
    /// copied only when it is appended.
    private mutating func appendNew(_ lines: [ContactLine]) {
        for position in lines.indices where !contacts.contains(where: { $0.id == lines[position].id }) {
            contacts.append(lines[position])
        }
    }

    private func excluded(id: String?, name: String) -> Bool {
        context.isBlocked(id: id, name: name) || isWithheld(id: id, name: name)
    }

    /// As above, for a name whose confusable skeleton (`look`) is already known.
    private func excluded(id: String?, look: String) -> Bool {
        context.isBlocked(id: id, look: look) || isWithheld(id: id, look: look)
    }

    func isWithheld(id: String?, name: String) -> Bool {
        isWithheld(id: id, look: context.skeleton(of: name))
            || (!withheldNames.isEmpty && context.undisguised(of: name).map(withheldNames.contains) == true)
    }

    private func isWithheld(id: String?, look: String) -> Bool {
        if let id, withheldIds.contains(id) { return true }
        return !withheldNames.isEmpty && withheldNames.contains(look)
    }

    private mutating func add(_ line: WithheldLine) {
        withheld.append(line)
        if let id = line.id { withheldIds.insert(id) }
        withheldNames.insert(context.skeleton(of: line.name))
        if let other = context.undisguised(of: line.name) { withheldNames.insert(other) }
    }

    /// Everyone a `source_of_harm` fact has named, whatever fires (SPEC v3 §10.1); the flag is
    /// the first fired one that withholds by that fact. A person whose withholding no longer
    /// follows from the present facts gets `source-of-harm-still-withheld`.
    private mutating func withholdSourcesOfHarm(fired: [Int]) {
        let (facts, flags) = (context.policy.policy.facts, context.policy.policy.flags)
        for person in conditions.withholding.people {
            let entry = context.people.entries[person.entry]
            let factId = facts[person.fact].id
            let flag = fired.first { flags[$0].effects.withholdContactNamedBy == factId }.map { flags[$0].id }
            let when = person.namedAt.description
            let because =
                flag.map {
                    "named as the source of harm ('\(factId)') at \(when); flag '\($0)' applies — never contact them"
                }
                ?? "named as the source of harm ('\(factId)') at \(when); withheld whatever fires, until a professional decides otherwise and records who decided and why"
            add(WithheldLine(id: entry.id, name: entry.name, because: because, flag: flag, fact: factId, namedAt: person.namedAt))
            let stillNamed = conditions.timeline.state.namings[person.fact]?.latest.contains(person.entry) ?? false
            if !stillNamed || flag == nil {
                warnings.append(
                    AnswerWarning(
                        code: .sourceOfHarmStillWithheld,
                        message:
                            "\(entry.name) was named as the source of harm at \(when) and \(stillNamed ? "is" : "is still") withheld; a professional decides whether that changes, and records who decided and why",
                        source: person.source.pathAndLine))
            }
        }
        // Reinstatements come first, in the order they were decided, then who is still withheld.
        let stillWithheld = warnings
        warnings = []
        for decision in conditions.timeline.state.reinstated where !withheld.contains(where: { $0.name == context.people.entries[decision.entry].name }) {
            let entry = context.people.entries[decision.entry]
            warnings.append(
                AnswerWarning(
                    code: .sourceOfHarmReinstated,
                    message:
                        "\(entry.name), once named as the source of harm, is no longer withheld: \(decision.by) decided at \(decision.at) — \(decision.reason)",
                    source: decision.source.pathAndLine))
        }
        warnings += stillWithheld
    }

    /// Everyone the flag's `contact` fact has named so far, contact or do-not-contact entry,
    /// whether or not they are on this stage's route (v2: while the flag fires). Facts marked
    /// `source_of_harm` are handled above, whatever fires.
    /// Takes the flag's position: a flag read out of the policy's list is a copy of all of it.
    private mutating func withhold(byFlagAt position: Int) {
        let flags = context.policy.policy.flags
        guard let factId = flags[position].effects.withholdContactNamedBy, let index = context.policy.factTable[factId],
            !context.policy.policy.facts[index].sourceOfHarm, conditions.timeline.state.facts[index].value != nil
        else { return }
        for naming in conditions.timeline.state.namings[index]?.named ?? [] {
            let entry = context.people.entries[naming.entry]
            guard !withheld.contains(where: { $0.id == entry.id && $0.name == entry.name }) else { continue }
            add(
                WithheldLine(
                    id: entry.id, name: entry.name,
                    because:
                        "named as the source of harm ('\(factId)') while flag '\(flags[position].id)' applies; never contact them",
                    flag: flags[position].id, fact: factId, namedAt: naming.at))
        }
    }

    /// A second entry for someone withheld is withheld with them, for the same reason: one
    /// whose name holds their whole name, or — unless a professional's (a shared switchboard
    /// reaches a team, not the person) — one that shares their phone number.
    private mutating func withholdSecondEntries() {
        let entries = context.people.entries
        // Each withheld person's entries, read once: their numbers, and the entries whose name
        // holds their whole name ("Lee Walker (work)", found when the plan was read).
        var byPhone: [String: WithheldLine] = [:]
        var secondOf: [Int: WithheldLine] = [:]
        for line in withheld {
            for owner in entries.indices where entries[owner].name == line.name && entries[owner].id == line.id {
                for key in entries[owner].phoneKeys where byPhone[key] == nil { byPhone[key] = line }
                for second in context.people.secondEntries[owner] where secondOf[second] == nil { secondOf[second] = line }
            }
        }
        guard !byPhone.isEmpty || !secondOf.isEmpty else { return }
        for (index, entry) in entries.enumerated() where !entry.onDoNotContactList && !isWithheld(id: entry.id, name: entry.name) {
            let found: (owner: WithheldLine, why: String)? =
                secondOf[index].map { ($0, "is a second entry for") }
                ?? (entry.professional ? nil : entry.phoneKeys.lazy.compactMap { byPhone[$0] }.first.map { ($0, "has the same phone number as") })
            guard let (owner, why) = found else { continue }
            add(
                WithheldLine(
                    id: entry.id, name: entry.name, because: "\(why) \(owner.name), who is " + owner.because,
                    flag: owner.flag, fact: owner.fact, namedAt: owner.namedAt))
        }
    }

    /// When every contact on the stage's own route gives hours and all are closed: one
    /// `contact-closed-now` each and the attention line; an empty route says no one can be
    /// called (SPEC v3 §10.12, §10.14) — at the lowest stage only when the plan gives a route
    /// there that do-not-contact or source-of-harm people emptied (most plans give none while
    /// the person is well, and that is no news at 3 a.m.).
    private mutating func checkHours(_ route: [ContactLine]) {
        if route.isEmpty {
            let stages = context.policy.policy.stages
            let emptied = rank < stages.count && !(context.plan.route(forStage: stages[rank].id)?.contacts.isEmpty ?? true)
            if rank > 0 || emptied { routeNotice = "No one on the route can be called now" }
            return
        }
        // Without hours anywhere in the plan, the route is known to be callable without
        // reading its lines.
        guard context.hasHours, route.allSatisfy({ $0.hours != nil }), route.allSatisfy({ conditions.isOpen($0) == false }) else { return }
        routeNotice = "No one on the route is open now"
        for line in route {
            guard let contact = context.plan.contact(line.id) else { continue }
            warnings.append(
                AnswerWarning(
                    code: .contactClosedNow,
                    message: "\(contact.name) is closed now" + (opening(line).map { "; opens \($0.text)" } ?? ""),
                    source: (contact.hoursSource ?? contact.source).pathAndLine))
        }
    }

    /// `open_now`, and for a closed contact when it opens next.
    private mutating func describeHours() {
        for index in contacts.indices where contacts[index].hours != nil {
            contacts[index].openNow = conditions.isOpen(contacts[index])
            if contacts[index].openNow == false, let next = opening(contacts[index]) {
                contacts[index].opensAt = next.at
                contacts[index].opensText = next.text
            }
        }
    }

    private func opening(_ line: ContactLine) -> (at: String, text: String)? {
        guard let clock = context.policy.localTime, let hours = line.hours,
            let next = hours.nextOpening(after: clock.reading(conditions.now), holidays: context.policy.holidays)
        else { return nil }
        let time = clock.instant(date: next.date, minute: next.minute)
        let hhmm = Digits.padded(next.minute / 60, 2) + ":" + Digits.padded(next.minute % 60, 2)
        return (clock.rfc3339(time), ContactHours.dayNames[next.weekday] + " " + hhmm)
    }

    /// `note_contacts` of fired flags, on the contacts they match.
    private mutating func addNotes(fired: [Int]) {
        for index in fired {
            guard let note = context.policy.policy.flags[index].effects.noteContacts else { continue }
            for position in contacts.indices
            where note.applies(to: contacts[position]) && !contacts[position].notes.contains(note.note)
            {
                contacts[position].notes.append(note.note)
            }
        }
    }

    private mutating func consult(_ role: String, forFlag flag: String) {
        // Roles compared however they are written (`RoleName.key`).
        let holds = { (roles: [String]) in roles.contains { RoleName.holds($0, role) } }
        let holders =
            context.plan.contacts.filter { holds($0.roles) }.map { (id: Optional($0.id), name: $0.name) }
            + context.plan.doNotContact.filter { holds($0.roles) }.map { (id: $0.id, name: $0.name) }
        if holders.isEmpty {
            if !unrecordedRoles.contains(where: { $0 == (role, flag) }) { unrecordedRoles.append((role, flag)) }
            return
        }
        for holder in holders where excluded(id: holder.id, name: holder.name) {
            let why =
                context.isBlocked(id: holder.id, name: holder.name)
                ? "is on \(context.plan.person.name)'s do-not-contact list" : "is withheld as the named source of harm"
            conflicts.append(
                ConflictLine(
                    role: role, name: holder.name, flag: flag,
                    message:
                        "\(holder.name) is the \(role.replacingUnderscores) and \(why); flag '\(flag)' may require consulting them — a named professional decides, and records why; not added as a contact"
                ))
        }
    }

    /// Conflicts for an attorney who is withheld or on the do-not-contact list.
    mutating func attorneyConflict(name: String, contact: String) {
        conflicts.append(
            ConflictLine(
                role: "attorney", name: name,
                flag: withheld.first(where: { $0.id == contact }).flatMap(\.flag) ?? "",
                message:
                    "\(name) holds a lasting power of attorney but is on the do-not-contact list or withheld; a named professional decides whether they can act"
            ))
    }

    func isExcluded(id: String?, name: String) -> Bool { excluded(id: id, name: name) }
}
