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

    /// `fired` holds the positions of the fired flags in the policy, in declaration order.
    mutating func assemble(fired: [Int], current: [CapacityAssessment]) {
        let flags = context.policy.policy.flags
        for index in fired { withhold(by: flags[index]) }
        let route = rank < context.routeByRank.count ? context.routeByRank[rank] : []
        contacts = withheld.isEmpty ? route : route.filter { !isWithheld(id: $0.id, name: $0.name) }
        routeIsEmpty = contacts.isEmpty
        for index in fired {
            let flag = flags[index]
            for added in context.policy.addedContacts[index] where !contacts.contains(where: { $0.id == added.id }) {
                if excluded(id: added.id, name: added.name) {
                    conflicts.append(
                        ConflictLine(
                            role: "added_contact", name: added.name, flag: flag.id,
                            message:
                                "flag '\(flag.id)' would add \(added.name), who is on the do-not-contact list or withheld; not added — a named professional decides"
                        ))
                } else {
                    contacts.append(added)
                }
            }
            for role in flag.effects.consultRoles { consult(role, for: flag) }
        }
        attorney = attorneyLine(current: current)
    }

    private func excluded(id: String?, name: String) -> Bool {
        context.isBlocked(id: id, name: name) || isWithheld(id: id, name: name)
    }

    private func isWithheld(id: String?, name: String) -> Bool {
        if let id, withheld.contains(where: { $0.id == id }) { return true }
        return withheldNames.contains(TextNormalizer.normalize(name))
    }

    private mutating func withhold(by flag: Flag) {
        guard let factId = flag.effects.withholdContactNamedBy, let index = context.policy.factTable[factId],
            case .contact(let id)? = state.facts[index], !withheld.contains(where: { $0.id == id })
        else { return }
        let name =
            context.plan.contact(id)?.name ?? context.plan.doNotContact.first(where: { $0.id == id })?.name ?? id
        withheld.append(
            WithheldLine(
                id: id, name: name,
                because:
                    "named as the source of harm ('\(factId)') while flag '\(flag.id)' applies; do not contact them about this",
                flag: flag.id))
        withheldNames.insert(TextNormalizer.normalize(name))
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

    /// The attorney can act only when registered and a current assessment says the person
    /// lacks capacity for a decision the power covers (MCA 2005 ss9-14).
    private mutating func attorneyLine(current: [CapacityAssessment]) -> AttorneyLine? {
        guard let attorney = context.plan.attorney else { return nil }
        let name = context.plan.contact(attorney.contact)?.name ?? attorney.contact
        if excluded(id: attorney.contact, name: name) {
            conflicts.append(
                ConflictLine(
                    role: "attorney", name: name,
                    flag: withheld.first(where: { $0.id == attorney.contact })?.flag ?? "",
                    message:
                        "\(name) holds a lasting power of attorney but is on the do-not-contact list or withheld; a named professional decides whether they can act"
                ))
            return AttorneyLine(
                id: attorney.contact, name: name, registered: attorney.registered, canAct: false,
                because: "on the do-not-contact list or withheld")
        }
        guard attorney.registered else {
            return AttorneyLine(
                id: attorney.contact, name: name, registered: false, canAct: false,
                because: "the lasting power of attorney is not registered, so it cannot be used (MCA 2005 s9(2)(b))")
        }
        let covered = current.filter { $0.status == .lacks && attorney.covers(treatment: $0.decision) }.map(\.decision)
        if covered.isEmpty {
            return AttorneyLine(
                id: attorney.contact, name: name, registered: true, canAct: false,
                because:
                    "no current assessment says \(context.plan.person.name) lacks capacity for a decision the power covers; capacity is presumed (MCA 2005 s1(2))"
            )
        }
        return AttorneyLine(
            id: attorney.contact, name: name, registered: true, canAct: true,
            because: "registered, and \(context.plan.person.name) currently lacks capacity for: "
                + covered.joined(separator: ", "))
    }
}
