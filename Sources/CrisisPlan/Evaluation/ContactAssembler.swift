/// Who to contact, who is withheld, and what a named professional must decide (SPEC §6).
///
/// The person's route comes first, in their order, minus anyone on the do-not-contact list and
/// anyone withheld; then contacts added by fired flags. Someone a flag would add, or a statutory
/// role holder, who is on the do-not-contact list or withheld becomes a conflict — never a
/// contact.
struct ContactAssembler {
    let context: EvaluationContext
    let state: TimelineState
    let rank: Int
    private(set) var contacts: [ContactLine] = []
    private(set) var withheld: [WithheldLine] = []
    private(set) var conflicts: [ConflictLine] = []
    private(set) var routeIsEmpty = true
    /// Roles a fired flag asks to consult that no one in the plan holds: (role, flag id).
    private(set) var unrecordedRoles: [(String, String)] = []
    private(set) var attorney: AttorneyLine?
    private var withheldNames: Set<String> = []

    init(context: EvaluationContext, state: TimelineState, rank: Int) {
        self.context = context
        self.state = state
        self.rank = rank
    }

    /// `fired` holds the positions of the fired flags in the policy, in declaration order;
    /// `part4` the first fired flag with `mha_part4: true`, if any.
    mutating func assemble(fired: [Int], current: [CapacityAssessment], part4: String?) {
        let flags = context.policy.policy.flags
        for index in fired { withhold(by: flags[index]) }
        let route = rank < context.routeByRank.count ? context.routeByRank[rank] : []
        let remaining = withheld.isEmpty ? route : route.filter { !isWithheld(id: $0.id, name: $0.name) }
        routeIsEmpty = remaining.isEmpty
        // Emergency contacts (999) come before the person's route; other additions follow it.
        var first: [ContactLine] = []
        var after: [ContactLine] = []
        for index in fired {
            let flag = flags[index]
            for added in context.policy.addedContacts[index] {
                if excluded(id: added.id, name: added.name) {
                    conflicts.append(
                        ConflictLine(
                            role: "added_contact", name: added.name, flag: flag.id,
                            message:
                                "flag '\(flag.id)' would add \(added.name), who is on the do-not-contact list or withheld; not added — a named professional decides"
                        ))
                } else if flag.kind == .emergency {
                    first.append(added)
                } else {
                    after.append(added)
                }
            }
            for role in flag.effects.consultRoles { consult(role, for: flag) }
        }
        contacts = first.isEmpty && after.isEmpty ? remaining : []
        if contacts.isEmpty {
            for line in first + remaining + after where !contacts.contains(where: { $0.id == line.id }) {
                contacts.append(line)
            }
        }
        attorney = attorneyLine(current: current, part4: part4)
    }

    private func excluded(id: String?, name: String) -> Bool {
        context.isBlocked(id: id, name: name) || isWithheld(id: id, name: name)
    }

    private func isWithheld(id: String?, name: String) -> Bool {
        if let id, withheld.contains(where: { $0.id == id }) { return true }
        return withheldNames.contains(context.skeleton(of: name))
    }

    /// Everyone the flag's `contact` fact has named so far, contact or do-not-contact entry,
    /// whether or not they are on this stage's route.
    private mutating func withhold(by flag: Flag) {
        guard let factId = flag.effects.withholdContactNamedBy, let index = context.policy.factTable[factId],
            state.facts[index] != nil
        else { return }
        for position in state.named[index] {
            let entry = context.people.entries[position]
            guard !withheld.contains(where: { $0.id == entry.id && $0.name == entry.name }) else { continue }
            withheld.append(
                WithheldLine(
                    id: entry.id, name: entry.name,
                    because:
                        "named as the source of harm ('\(factId)') while flag '\(flag.id)' applies; do not contact them about this",
                    flag: flag.id))
            withheldNames.insert(context.skeleton(of: entry.name))
        }
    }

    private mutating func consult(_ role: String, for flag: Flag) {
        let holders =
            context.plan.contacts.filter { $0.roles.contains(role) }.map { (id: Optional($0.id), name: $0.name) }
            + context.plan.doNotContact.filter { $0.roles.contains(role) }.map { (id: $0.id, name: $0.name) }
        if holders.isEmpty {
            if !unrecordedRoles.contains(where: { $0 == (role, flag.id) }) { unrecordedRoles.append((role, flag.id)) }
            return
        }
        for holder in holders where excluded(id: holder.id, name: holder.name) {
            let why =
                context.isBlocked(id: holder.id, name: holder.name)
                ? "is on \(context.plan.person.name)'s do-not-contact list" : "is withheld as the named source of harm"
            conflicts.append(
                ConflictLine(
                    role: role, name: holder.name, flag: flag.id,
                    message:
                        "\(holder.name) is the \(role.replacingUnderscores) and \(why); flag '\(flag.id)' may require consulting them — a named professional decides, and records why; not added as a contact"
                ))
        }
    }

    /// Whether the attorney can act, decision by decision (SPEC v2 §6, MCA 2005 ss9-11, s4A,
    /// s28): only for decisions a current assessment says the person lacks capacity for, and
    /// never for what the law keeps from an attorney.
    private mutating func attorneyLine(current: [CapacityAssessment], part4: String?) -> AttorneyLine? {
        guard let attorney = context.plan.attorney else { return nil }
        let name = context.plan.contact(attorney.contact)?.name ?? attorney.contact
        let blocked = excluded(id: attorney.contact, name: name)
        if blocked {
            conflicts.append(
                ConflictLine(
                    role: "attorney", name: name,
                    flag: withheld.first(where: { $0.id == attorney.contact })?.flag ?? "",
                    message:
                        "\(name) holds a lasting power of attorney but is on the do-not-contact list or withheld; a named professional decides whether they can act"
                ))
        }
        let person = context.plan.person.name
        let catalog = context.decisions
        var entries: [DecisionCatalog.Entry] = []
        for assessment in current where assessment.status == .lacks {
            guard let entry = catalog.entry(named: assessment.decision), !entries.contains(where: { $0.key == entry.key })
            else { continue }
            entries.append(entry)
        }
        entries.sort { (catalog.rank(of: $0.key), $0.id) < (catalog.rank(of: $1.key), $1.id) }
        let decisions = entries.map { decision -> AttorneyDecision in
            let (canAct, because) = attorneyCanAct(
                attorney, name: name, blocked: blocked, for: decision, person: person, part4: part4)
            return AttorneyDecision(decision: decision.id, canAct: canAct, because: because)
        }
        let canAct = !decisions.isEmpty && decisions.allSatisfy(\.canAct)
        let because: String
        if let reason = decisions.first(where: { $0.canAct == canAct })?.because {
            because = reason
        } else if blocked {
            because = "on the do-not-contact list or withheld"
        } else if !attorney.registered {
            because = "the lasting power of attorney is not registered, so it cannot be used (MCA 2005 s9(2)(b))"
        } else {
            because =
                "no current assessment says \(person) lacks capacity for a decision the power covers; capacity is presumed (MCA 2005 s1(2))"
        }
        return AttorneyLine(
            id: attorney.contact, name: name, registered: attorney.registered, canAct: canAct, because: because,
            decisions: decisions)
    }

    /// The first reason the law keeps this decision from the attorney, in SPEC v2 §6's order.
    private func attorneyCanAct(
        _ attorney: Attorney, name: String, blocked: Bool, for decision: DecisionCatalog.Entry, person: String,
        part4: String?
    ) -> (Bool, String) {
        if !attorney.registered {
            return (false, "the lasting power of attorney is not registered, so it cannot be used (MCA 2005 s9(2)(b))")
        }
        if blocked {
            return (false, "\(name) is on the do-not-contact list or withheld; a named professional decides")
        }
        if !attorney.covers(treatment: decision.id) && !(decision.treatment.map(attorney.covers(treatment:)) ?? false) {
            return (false, "the lasting power of attorney does not cover '\(decision.id)'")
        }
        if decision.deprivationOfLiberty {
            return (
                false,
                "an attorney cannot authorise a deprivation of liberty (MCA 2005 s4A); where \(person) objects to admission or treatment for mental disorder, the Mental Health Act is the route"
            )
        }
        if decision.forMentalDisorder, let part4 {
            return (
                false,
                "treatment for mental disorder while Mental Health Act Part 4 applies (flag '\(part4)'): an attorney cannot consent (MCA 2005 s28)"
            )
        }
        if decision.lifeSustaining && !attorney.lifeSustaining {
            return (
                false,
                "life-sustaining treatment, which the lasting power of attorney does not expressly cover (MCA 2005 s11(8))"
            )
        }
        if let treatmentKey = decision.treatmentKey,
            context.refusals.contains(where: { $0.validity.binding && TextNormalizer.normalize($0.refusal.treatment) == treatmentKey })
        {
            return (
                false,
                "\(person) has a valid advance refusal of \(decision.treatment ?? decision.id); the attorney cannot consent to what it refuses (MCA 2005 s26(1), s11(7)(b))"
            )
        }
        return (
            true,
            "registered, covers '\(decision.id)', and \(person) currently lacks capacity for it (MCA 2005 s11(7)(a))"
        )
    }
}
