import CrisisPlan

/// The person's page: who never to contact, set apart at the top where it cannot be missed;
/// the form (`ObservationForm`), most urgent questions first; then their plan as `show`
/// prints it (the same `PlanDocument`).
struct PersonPage: Sendable {
    var frame: PageFrame
    var id: String
    var name: String
    var title: String
    var subtitle: String
    var overdue: String?
    var doNotContact: [String]
    var hasDoNotContact: Bool
    var canAsk: Bool
    var form: ObservationForm
    /// Said when the form holds choices put back after the session ran out.
    var restored: String?
    /// Why the observations document sent could not be read: the form comes back with it and
    /// with what was recorded before (who is withheld stays withheld).
    var problems: [String] = [] {
        didSet { hasProblems = !problems.isEmpty }
    }
    /// Stored, as the templates read stored values only.
    private(set) var hasProblems = false
    /// "What did you do?", put back when it was posted after the session ran out.
    var feedback: FeedbackForm?
    var plan: PlanView

    init(person: ServedPerson, policy: Policy, frame: PageFrame, canAsk: Bool, today: CalendarDate) {
        let plan = person.plan
        self.frame = frame
        id = person.id
        name = plan.person.name
        let document = PlanDocument(plan: plan, policy: policy, today: today)
        title = document.title
        subtitle = document.subtitle
        overdue = document.overdueNotice
        doNotContact = plan.doNotContact.map { entry in
            entry.name + (entry.relation.map { " (\($0))" } ?? "") + (entry.reason.map { ": \($0)" } ?? "")
        }
        hasDoNotContact = !doNotContact.isEmpty
        self.canAsk = canAsk
        form = ObservationForm(plan: plan, policy: policy)
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
        var lines: [Line]
        var ordered: Bool
        var critical: Bool
        /// The id a jump link above the form leads to, on the first section of its kind.
        var anchor: String?
    }
    /// A link from the top of the page to the person's own words and the people to call,
    /// which sit below the form (several screens down on a phone).
    struct Jump: Sendable {
        var anchor: String
        var label: String
    }
    /// A line as `show` prints it; one that ends in a phone number (`Rosa Kemp (aunt):
    /// 07700 900987`), or in a number and the contact's hours (`…: 0300 555 0100 (hours: 24h)`
    /// — the 24-hour teams a worker most needs at night), has it apart, to be tapped to call.
    struct Line: Sendable {
        var text: String
        var phone: String?
        var tel: String?
        /// What follows the number: the hours.
        var after: String?

        init(_ line: String) {
            var body = Substring(line)
            var after: Substring?
            if line.hasSuffix(")"), let hours = line.range(of: " (hours: ", options: .backwards) {
                body = line[..<hours.lowerBound]
                after = line[hours.lowerBound...]
            }
            guard let colon = body.range(of: ": ", options: .backwards),
                let tel = PhoneNumber.dialable(String(body[colon.upperBound...]))
            else {
                text = line
                return
            }
            text = String(body[..<colon.upperBound])
            phone = String(body[colon.upperBound...])
            self.tel = tel
            self.after = after.map(String.init)
        }
    }
    var overdue: String?
    var sections: [Section]
    var jumps: [Jump] = []

    static let jumpTargets = [
        (prefix: "What works best for me", anchor: "what-helps", label: "What works best for them"),
        (prefix: "The people I want contacted", anchor: "who-to-call", label: "Who to call"),
    ]

    init(_ document: PlanDocument) {
        overdue = document.overdueNotice
        sections = document.sections.map {
            Section(title: $0.title, lines: $0.lines.map(Line.init), ordered: $0.ordered, critical: $0.critical)
        }
        for target in Self.jumpTargets {
            guard let first = sections.firstIndex(where: { $0.title.hasPrefix(target.prefix) }) else { continue }
            sections[first].anchor = target.anchor
            jumps.append(Jump(anchor: target.anchor, label: target.label))
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
