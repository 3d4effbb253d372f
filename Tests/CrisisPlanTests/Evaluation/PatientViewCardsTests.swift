import Testing

@testable import CrisisPlan

/// The record system's cards keep the answer's safety: the first contact a card names comes
/// from the route evaluation uses, so no one on the do-not-contact list is ever offered there.
@Suite("patient-view cards and the FHIR bundle keep do-not-contact people off the contacts")
struct PatientViewCardsTests {
    static let people = ["alex", "dee", "kit", "priya", "robin", "sam"]

    /// The lines of the plan card that name someone to call.
    static func contactLines(_ cards: [PatientViewCard]) -> [String] {
        (cards.first?.detail ?? "").split(separator: "\n").map(String.init).filter { $0.hasPrefix("First contact: ") }
    }

    @Test("no shipped person's cards offer a do-not-contact person as a contact")
    func shipped() throws {
        for person in Self.people {
            let evaluator = try ShippedRules.evaluator(person)
            let cards = PatientViewCards.cards(context: evaluator.context, now: ShippedRules.now)
            #expect(cards.first?.about == "plan")
            for entry in evaluator.context.plan.doNotContact {
                #expect(!Self.contactLines(cards).contains { $0.contains(MarkupEscaping.markdown(entry.name)) }, "\(person)")
            }
        }
    }

    @Test("a route that names a do-not-contact person — as written, by case, by spacing — never puts them first")
    func nearVariants() throws {
        let shipped = try ShippedRules.evaluator("sam").context
        for written in ["Mark Taylor", "MARK TAYLOR", "Mark  Taylor", "mark\u{00A0}taylor"] {
            var plan = shipped.plan
            let source = plan.person.source
            plan.contacts.append(
                Contact(
                    id: "dad", name: written, relation: "father", phone: "07700 900777", roles: [], professional: false,
                    source: source))
            plan.contactRoutes = plan.contactRoutes.map { route in
                var route = route
                route.contacts.insert(SourcedText(text: "dad", source: source), at: 0)
                return route
            }
            let context = EvaluationContext(policy: shipped.policy, plan: plan)
            let lines = Self.contactLines(PatientViewCards.cards(context: context, now: ShippedRules.now))
            #expect(!lines.isEmpty)
            #expect(!lines.contains { $0.contains("07700 900777") }, "\(written): \(lines)")
            // Nor is the FHIR bundle's list of people to contact.
            let bundle = FHIRBundle.json(context: context, at: ShippedRules.now)
            #expect(!bundle.contains("07700 900777"), "\(written)")
        }
    }

    @Test("one card per advance refusal, a withdrawn one included: it says it was withdrawn and does not bind")
    func withdrawnRefusal() throws {
        let shipped = try ShippedRules.evaluator("sam").context
        var plan = shipped.plan
        var withdrawn = try #require(plan.advanceDecisions.refusals.first)
        withdrawn.treatment = "olanzapine"
        withdrawn.withdrawn = true
        plan.advanceDecisions.refusals.append(withdrawn)
        let context = EvaluationContext(policy: shipped.policy, plan: plan)
        let cards = PatientViewCards.cards(context: context, now: ShippedRules.now).filter { $0.about.hasPrefix("refusal:") }
        #expect(cards.count == plan.advanceDecisions.refusals.count)
        let card = try #require(cards.last)
        #expect(card.summary == "Advance decision: refuses olanzapine (withdrawn)")
        #expect(card.indicator == .info)
        #expect(card.detail.contains("has withdrawn it (Mental Capacity Act 2005 s24(3)): it does not bind"), "\(card.detail)")
        #expect(!card.detail.contains("still their wish"))
    }
}
