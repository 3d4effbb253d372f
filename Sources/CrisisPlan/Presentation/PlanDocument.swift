/// The whole plan as a document in the order of the person-centred safety plan (seed 001,
/// Box 5), worded as the person would: "This is what helps me to stay well", then the
/// stresses, the early signs, what works best at each stage, what helps when unwell, who to
/// contact and who not to, advance decisions, where views differ, and who wrote it when.
public struct PlanDocument: Sendable {
    public struct Section: Sendable {
        public var title: String
        /// Plain lines; `ordered` when their order is the person's order of preference.
        public var lines: [String]
        public var ordered: Bool
        /// Who never to contact and advance decisions: set apart so that they cannot be missed.
        public var critical: Bool
    }

    public var title: String
    public var subtitle: String
    /// For the running head of a printed page: name and plan date.
    public var runningHead: String
    /// Set when the plan is past its review date: it is still the person's plan.
    public var overdueNotice: String?
    public var sections: [Section]

    /// `today` (UTC), when given, decides whether the plan is shown as overdue for review.
    public init(plan: Plan, policy: Policy, today: CalendarDate? = nil) {
        let person = plan.person
        title = "\(person.name)'s crisis and safety plan"
        subtitle =
            (person.pronouns.map { "Pronouns: \($0). " } ?? "")
            + (person.born.map { "Born \($0). " } ?? "")
            + "Agreed \(plan.dates.agreed); review by \(plan.dates.reviewBy)."
        runningHead = "\(person.name) — crisis and safety plan agreed \(plan.dates.agreed)"
        if let today, today > plan.dates.reviewBy {
            overdueNotice =
                "This plan was due for review on \(plan.dates.reviewBy). It is still \(person.name)'s plan: use it, and review it with them soon."
        }
        var sections: [Section] = []
        func add(_ title: String, _ lines: [String], ordered: Bool = false, critical: Bool = false) {
            if !lines.isEmpty {
                sections.append(Section(title: title, lines: lines, ordered: ordered, critical: critical))
            }
        }
        // Who must not be contacted comes first, on paper as on the page: it is what a worker
        // must not miss when they read no further.
        add(
            "The people I do not want contacted",
            plan.doNotContact.map { entry in
                entry.name + (entry.relation.map { " (\($0))" } ?? "")
                    + (entry.roles.isEmpty
                        ? "" : ", even as " + entry.roles.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", "))
                    + (entry.reason.map { " — \($0)" } ?? "")
            }, critical: true)
        add("This is what helps me to stay well", plan.keepingWell.map(\.text))
        add("These are experiences that upset me and I find stressful", plan.stressors.map(\.text))
        add(
            "The first things I or others notice when I am becoming unwell",
            plan.signs.map { sign in
                let stage = policy.stages.first { $0.id == sign.stage }?.label ?? sign.stage
                return "\(sign.says) (\(stage))"
                    + (sign.also.isEmpty ? "" : " — others may say: " + sign.also.joined(separator: ", "))
            })
        for stage in policy.stages {
            let responses = plan.responses(forStage: stage.id)
            add(
                "What works best for me — \(stage.label)",
                responses.map { response in
                    let who: String
                    switch response.by {
                    case .me: who = "Me"
                    case .supporters: who = "My supporters"
                    case .careTeam: who = "My care team"
                    }
                    // A response agreed for particular signs says which, in the person's words.
                    let signs = response.forSigns.compactMap { id in plan.signs.first { $0.id == id }?.says }
                    return "\(who): \(response.action)" + (signs.isEmpty ? "" : " (when: " + signs.joined(separator: "; ") + ")")
                }, ordered: true)
        }
        add("When I am unwell, these make me feel safe", plan.whenUnwell.helps.map(\.text))
        add("These make me feel unsafe or make things worse", plan.whenUnwell.avoid.map(\.text))
        add("These are important to me and need taking care of", plan.whenUnwell.takeCareOf.map(\.text))
        for stage in policy.stages {
            guard let route = plan.route(forStage: stage.id) else { continue }
            add(
                "The people I want contacted — \(stage.label)",
                route.contacts.compactMap { entry in
                    plan.contact(entry.text).map { contact in
                        contact.name + (contact.relation.map { " (\($0))" } ?? "") + ": \(contact.phone)"
                            + (contact.hours.map { " (hours: \($0.written))" } ?? "")
                    }
                }, ordered: true)
        }
        add("My wishes if I cannot decide for myself", plan.advanceDecisions.statements.map(\.text))
        add(
            "Treatments I refuse",
            plan.advanceDecisions.refusals.map(DecisionCatalog(policy: policy, plan: plan).reading).map { refusal in
                let validity = RefusalValidity(refusal, attorneys: plan.attorneys, born: plan.person.born, today: today)
                return refusal.treatment + (refusal.made.map { " (made \($0))" } ?? "")
                    + (validity.binding
                        ? " — binding if I lack capacity for it when it arises (MCA 2005 ss24-26)"
                        : " — not binding: " + validity.notBindingBecause.joined(separator: "; ")
                            + "; still my wish, to be weighed (MCA 2005 s4(6))")
            }, critical: true)
        add("My lasting powers of attorney", plan.attorneys.map { Self.attorneyLine($0, plan: plan, today: today) }, critical: true)
        add(
            "Where my care team and I see things differently",
            plan.views.map { "\($0.about) — me: \($0.person) Care team: \($0.careTeam)" })
        add("This plan was written by", plan.dates.writtenWith)
        self.sections = sections
    }

    /// Each attorney as the answer judges them: the kind of LPA, whether and when it was
    /// registered, what it covers, and why it cannot act when it cannot (MCA 2005 s9).
    /// `registered_on` counts as registered, as it does everywhere else.
    static func attorneyLine(_ attorney: Attorney, plan: Plan, today: CalendarDate?) -> String {
        let name = plan.contact(attorney.contact)?.name ?? attorney.contact
        var parts: [String] = []
        switch attorney.kind {
        case .healthAndWelfare?: parts.append("health and welfare")
        case .propertyAndAffairs?: parts.append("property and affairs only: makes no decision about my care (MCA 2005 s9(1)(b))")
        case nil: parts.append("the plan does not say which kind of LPA this is (MCA s9(1)), so they cannot act")
        }
        if let on = attorney.registeredOn {
            parts.append(
                attorney.isRegistered(on: today)
                    ? "registered on \(on)" : "to be registered on \(on): cannot act until then (MCA 2005 s9(2)(b))")
        } else {
            parts.append(
                attorney.registered ? "registered" : "not registered: cannot act until it is (MCA 2005 s9(2)(b))")
        }
        if attorney.madeUnder18(born: plan.person.born) {
            parts.append("made before my 18th birthday: not valid (MCA 2005 s9(2)(c))")
        }
        parts.append("covers: " + attorney.covers.joined(separator: ", "))
        if attorney.lifeSustaining { parts.append("includes life-sustaining treatment") }
        return name + " — " + parts.joined(separator: "; ")
    }
}
