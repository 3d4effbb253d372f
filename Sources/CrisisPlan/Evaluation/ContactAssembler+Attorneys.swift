/// Whether each attorney can act, decision by decision (SPEC v2 §6, v3 §10.5-10.6; MCA 2005
/// ss9-11, s4A, s28; MHA s58A): only for decisions a current assessment says the person
/// lacks capacity for, and never for what the law keeps from that kind of attorney.
extension ContactAssembler {
    mutating func attorneyLine(_ attorney: Attorney, current: [CapacityAssessment], part4: String?) -> AttorneyLine {
        let name = context.plan.contact(attorney.contact)?.name ?? attorney.contact
        let blocked = isExcluded(id: attorney.contact, name: name)
        if blocked { attorneyConflict(name: name, contact: attorney.contact) }
        let today = conditions.now.utcDate
        let registered = attorney.isRegistered(on: today)
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
            let (canAct, because) = authority(
                attorney, name: name, blocked: blocked, registered: registered, for: decision, person: person,
                part4: part4)
            let canRefuse =
                decision.ect && attorney.kind == .healthAndWelfare && !attorney.madeUnder18(born: context.plan.person.born)
                && registered && covers(attorney, decision) && !blocked
            return AttorneyDecision(decision: decision.id, canAct: canAct, because: because, canRefuse: canRefuse)
        }
        let canAct = !decisions.isEmpty && decisions.allSatisfy(\.canAct)
        let because: String
        if let reason = decisions.first(where: { $0.canAct == canAct })?.because {
            because = reason
        } else if blocked {
            because = "on the do-not-contact list or withheld"
        } else if let problem = Self.invalidity(attorney, born: context.plan.person.born) {
            because = problem
        } else if !registered {
            because = "the lasting power of attorney is not registered, so it cannot be used (MCA 2005 s9(2)(b))"
        } else {
            because =
                "no current assessment says \(person) lacks capacity for a decision the power covers; capacity is presumed (MCA 2005 s1(2))"
        }
        return AttorneyLine(
            id: attorney.contact, name: name, registered: registered, canAct: canAct, because: because,
            decisions: decisions)
    }

    /// Why the LPA cannot be used at all, before any decision: its kind unknown, or made
    /// before the donor was 18.
    static func invalidity(_ attorney: Attorney, born: CalendarDate?) -> String? {
        if attorney.kind == nil {
            return "the plan does not say which kind of LPA this is (MCA s9(1)); write type: health_and_welfare or property_and_affairs"
        }
        if attorney.madeUnder18(born: born) {
            return "the lasting power of attorney was made before the person was 18, so it is not valid (MCA 2005 s9(2)(c))"
        }
        return nil
    }

    private func covers(_ attorney: Attorney, _ decision: DecisionCatalog.Entry) -> Bool {
        attorney.covers(treatment: decision.id) || (decision.treatment.map(attorney.covers(treatment:)) ?? false)
            || decision.aliases.contains(where: attorney.covers(treatment:))
    }

    /// The first reason the law keeps this decision from the attorney: the LPA's kind and
    /// validity (SPEC v3 §10.5), then SPEC v2 §6's order.
    private func authority(
        _ attorney: Attorney, name: String, blocked: Bool, registered: Bool, for decision: DecisionCatalog.Entry,
        person: String, part4: String?
    ) -> (Bool, String) {
        if attorney.kind == nil {
            return (false, "the plan does not say which kind of LPA this is (MCA s9(1))")
        }
        if attorney.kind == .propertyAndAffairs && decision.domain == .welfare {
            return (
                false,
                "a property and affairs attorney cannot decide about '\(decision.id)', a health and welfare decision (MCA 2005 s9(1)(b))"
            )
        }
        if attorney.kind == .healthAndWelfare && decision.domain == .property {
            return (
                false,
                "a health and welfare attorney cannot decide about '\(decision.id)', a property and affairs decision (MCA 2005 s9(1)(a))"
            )
        }
        if attorney.madeUnder18(born: context.plan.person.born) {
            return (false, "the lasting power of attorney was made before the person was 18, so it is not valid (MCA 2005 s9(2)(c))")
        }
        if !registered {
            return (false, "the lasting power of attorney is not registered, so it cannot be used (MCA 2005 s9(2)(b))")
        }
        if blocked {
            return (false, "\(name) is on the do-not-contact list or withheld; a named professional decides")
        }
        if !covers(attorney, decision) {
            return (false, "the lasting power of attorney does not cover '\(decision.id)'")
        }
        if decision.deprivationOfLiberty {
            return (
                false,
                "an attorney cannot authorise a deprivation of liberty (MCA 2005 s4A); where \(person) objects to admission or treatment for mental disorder, the Mental Health Act is the route"
            )
        }
        if decision.forMentalDisorder, let part4 {
            if decision.ect {
                return (
                    false,
                    "ECT while Mental Health Act Part 4 applies (flag '\(part4)', MCA 2005 s28): \(name) cannot consent under Part 4; a refusal by \(name) binds (MHA s58A(5)(c)(ii))"
                )
            }
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
        if refusals.contains(where: { $0.validity.binding && decision.matches(refusal: $0.refusal.treatment) }) {
            return (
                false,
                "\(person) has a valid advance refusal of \(decision.treatment ?? decision.id); the attorney cannot consent to what it refuses (MCA 2005 s26(1), s11(7)(b))"
            )
        }
        // s11(7)(a) is the welfare attorney's: they act only once the donor lacks capacity. A
        // property and affairs attorney acts under the power itself (s9(1)(b)).
        let section = attorney.kind == .propertyAndAffairs ? "s9(1)(b)" : "s11(7)(a)"
        return (
            true,
            "registered, covers '\(decision.id)', and \(person) currently lacks capacity for it (MCA 2005 \(section))"
        )
    }
}
