import CrisisPlan

/// The person's page: their plan as `show` prints it (the same `PlanDocument`), and the form
/// built from the plan and the policy (SPEC v2 §9) — their signs in their own words, each
/// declared fact as a control of its type, each declared decision with has / lacks / not
/// assessed. Who never to contact is set apart at the top, where it cannot be missed.
struct PersonPage: Sendable {
    struct Sign: Sendable {
        var id: String
        var says: String
        var also: String?
    }
    struct Option: Sendable {
        var value: String
        var label: String
    }
    struct Fact: Sendable {
        var id: String
        var question: String
        var options: [Option]
    }
    struct Decision: Sendable {
        var id: String
        var label: String
    }

    var frame: PageFrame
    var id: String
    var name: String
    var title: String
    var subtitle: String
    var doNotContact: [String]
    var hasDoNotContact: Bool
    var canAsk: Bool
    var signs: [Sign]
    var facts: [Fact]
    var decisions: [Decision]
    var hasDecisions: Bool
    var plan: PlanView

    init(person: ServedPerson, policy: Policy, frame: PageFrame, canAsk: Bool, today: CalendarDate) {
        let plan = person.plan
        self.frame = frame
        id = person.id
        name = plan.person.name
        let document = PlanDocument(plan: plan, policy: policy, today: today)
        title = document.title
        subtitle = document.subtitle
        doNotContact = plan.doNotContact.map { entry in
            entry.name + (entry.relation.map { " (\($0))" } ?? "") + (entry.reason.map { ": \($0)" } ?? "")
        }
        hasDoNotContact = !doNotContact.isEmpty
        self.canAsk = canAsk
        signs = plan.signs.map { Sign(id: $0.id, says: $0.says, also: $0.also.isEmpty ? nil : $0.also.joined(separator: ", ")) }
        facts = policy.facts.map { fact in
            let options: [Option]
            switch fact.kind {
            case .bool: options = [Option(value: "true", label: "Yes"), Option(value: "false", label: "No")]
            case .enumeration(let values): options = values.map { Option(value: $0, label: Self.words($0)) }
            case .contact:
                options =
                    plan.contacts.map { Option(value: $0.id, label: $0.name + ($0.relation.map { " (\($0))" } ?? "")) }
                    + plan.doNotContact.map {
                        Option(value: $0.id ?? $0.name, label: $0.name + ($0.relation.map { " (\($0))" } ?? "") + " – do not contact")
                    } + [Option(value: "someone-else", label: "Someone else")]
            }
            return Fact(id: fact.id, question: fact.asks ?? Self.words(fact.id).capitalizedFirst, options: options)
        }
        decisions = (policy.decisions ?? []).map { Decision(id: $0.id, label: $0.label ?? Self.words($0.id).capitalizedFirst) }
        hasDecisions = !decisions.isEmpty
        self.plan = PlanView(document)
    }

    /// `abuse_or_neglect` → `abuse or neglect`.
    static func words(_ id: String) -> String {
        id.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
    }
}

/// The plan as `crisisplan show` prints it, for a page.
struct PlanView: Sendable {
    struct Section: Sendable {
        var title: String
        var lines: [String]
        var ordered: Bool
        var critical: Bool
    }
    var overdue: String?
    var sections: [Section]

    init(_ document: PlanDocument) {
        overdue = document.overdueNotice
        sections = document.sections.map {
            Section(title: $0.title, lines: $0.lines, ordered: $0.ordered, critical: $0.critical)
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
