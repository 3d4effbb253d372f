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

    init(_ document: PlanDocument) {
        overdue = document.overdueNotice
        sections = document.sections.map {
            Section(title: $0.title, lines: $0.lines.map(Line.init), ordered: $0.ordered, critical: $0.critical)
        }
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
