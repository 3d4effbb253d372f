import CrisisPlan

/// The form a worker fills in on the person's page, and again, pre-filled, on the answer
/// page: in order of urgency — the person's signs; the facts an emergency flag or a red flag
/// reads; those a safeguarding flag or a prompt reads; the rest — each group under a heading
/// with a submit button after it, and the capacity decisions folded away until needed.
///
/// Every control's first choice is "Not asked" and posts nothing, so nothing is recorded that
/// the worker did not choose; a fact's own "not asked" value is that choice, never a second one.
struct ObservationForm: Sendable {
    struct Sign: Sendable {
        var id: String
        var says: String
        var also: String?
        var checked: Bool
    }
    struct Option: Sendable {
        var value: String
        var label: String
        var selected: Bool
    }
    struct Fact: Sendable {
        var id: String
        var question: String
        var options: [Option]
    }
    struct Group: Sendable {
        var id: String
        var heading: String
        var facts: [Fact]
    }
    struct Decision: Sendable {
        var id: String
        var label: String
        var has: Bool
        var lacks: Bool
        /// "Not asked", chosen unless an assessment was. Stored: templates read stored
        /// properties only (a computed one never checked the choice).
        var notAssessed: Bool

        init(id: String, label: String, has: Bool, lacks: Bool) {
            self.id = id
            self.label = label
            self.has = has
            self.lacks = lacks
            notAssessed = !has && !lacks
        }
    }

    var person: String
    var name: String
    var signs: [Sign]
    var groups: [Group]
    var decisions: [Decision]
    var hasDecisions: Bool
    var decisionsOpen: Bool
    /// The observations so far (the answer page), posted back so each submit adds to them.
    var history: String?
    /// A document pasted before the session ran out, put back in its field.
    var document: String?

    /// The form for `plan`, with what was chosen last (`chosen`, the answer page) ticked.
    init(plan: Plan, policy: Policy, chosen: Observation? = nil, history: String? = nil) {
        person = plan.person.id
        name = plan.person.name
        let ticked = Set((chosen?.signs ?? []).map(\.text))
        signs = plan.signs.map {
            Sign(
                id: $0.id, says: $0.says, also: $0.also.isEmpty ? nil : $0.also.joined(separator: ", "),
                checked: ticked.contains($0.id))
        }
        let values = Dictionary((chosen?.facts ?? []).map { ($0.fact, $0.value) }) { _, last in last }
        let emergency = Set(
            policy.flags.filter { $0.kind == .emergency }.flatMap(\.when.factsRead) + policy.redFlags.map(\.ask))
        let safeguarding = Set(
            policy.flags.filter { $0.kind == .safeguarding }.flatMap(\.when.factsRead)
                + policy.prompts.flatMap { [$0.ask] + ($0.when?.factsRead ?? []) })
        var placed: Set<String> = []
        func group(_ id: String, _ heading: String, _ wanted: (FactDeclaration) -> Bool) -> Group {
            let facts = policy.facts.filter { !placed.contains($0.id) && wanted($0) }
            placed.formUnion(facts.map(\.id))
            return Group(
                id: id, heading: heading,
                facts: facts.map { Self.fact($0, plan: plan, chosen: values[$0.id]) })
        }
        groups = [
            group("emergency", "Is anyone in danger now?") { emergency.contains($0.id) },
            group("safeguarding", "Is anyone being harmed, or at risk of harm?") { safeguarding.contains($0.id) },
            group("more", "Anything else you know") { _ in true },
        ].filter { !$0.facts.isEmpty }
        let assessed = Dictionary((chosen?.capacity ?? []).map { ($0.decision, $0.status) }) { _, last in last }
        decisions = (policy.decisions ?? []).map {
            Decision(
                id: $0.id, label: $0.label ?? PersonPage.words($0.id).capitalizedFirst, has: assessed[$0.id] == .has,
                lacks: assessed[$0.id] == .lacks)
        }
        hasDecisions = !decisions.isEmpty
        decisionsOpen = decisions.contains { !$0.notAssessed }
        self.history = history
    }

    /// One fact as a select: "Not asked" first (posting nothing), then its values in the
    /// policy's order, each by its label.
    static func fact(_ fact: FactDeclaration, plan: Plan, chosen: String?) -> Fact {
        let normalisedChoice = chosen.map(TextNormalizer.normalize)
        func option(_ value: String, _ label: String) -> Option {
            Option(value: value, label: label, selected: normalisedChoice == TextNormalizer.normalize(value))
        }
        let options: [Option]
        switch fact.kind {
        case .bool:
            options = [option("yes", "Yes"), option("no", "No")]
        case .enumeration(let values):
            options = values.filter { $0 != fact.notAsked }.map { value in
                option(value, fact.labels.first { $0.value == value }?.label ?? PersonPage.words(value).capitalizedFirst)
            }
        case .contact:
            options =
                plan.contacts.map { option($0.id, $0.name + ($0.relation.map { " (\($0))" } ?? "")) }
                + plan.doNotContact.map {
                    option($0.id ?? $0.name, $0.name + ($0.relation.map { " (\($0))" } ?? "") + " – on the do-not-contact list")
                } + [option("someone-else", "Someone else")]
        }
        return Fact(id: fact.id, question: fact.asks ?? PersonPage.words(fact.id).capitalizedFirst, options: options)
    }
}
