import PropertyBased
import Testing

@testable import CrisisPlan

/// The v3 invariants that make safety a property of the engine rather than of each flag's
/// wording, checked on generated policies, plans and timelines (1,000 worlds each).
@Suite("Safety by construction over generated worlds")
struct SafetyByConstructionPropertyTests {
    static let worlds = InvariantPropertyTests.worlds

    @Test("anyone a source-of-harm fact ever named is never a contact, whatever flags, values or later observations")
    func sourceOfHarmNeverRoutedTo() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            let people = PlanPeople(plan: world.plan)
            var named: [PlanPeople.Entry] = []
            for observation in world.observations where observation.at <= world.now {
                for fact in observation.facts where fact.fact == "harm" {
                    named += (people.resolve(fact.value, lookAlikes: true)?.entries ?? []).map { people.entries[$0] }
                }
            }
            for person in named {
                #expect(answer.withheld.contains { $0.name == person.name }, "\(person.name) not withheld")
                for contact in answer.contacts {
                    #expect(
                        contact.id != person.id && ConfusableSkeleton.of(contact.name) != person.skeleton,
                        "\(person.name) is among the contacts")
                }
            }
        }
    }

    @Test("an unrecognised observation holding a red-flag word always gives possible-emergency")
    func redFlagWordsAlwaysWarn() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            let matcher = SignMatcher(signs: world.plan.signs)
            let risky = world.observations.filter { $0.at <= world.now }.flatMap(\.signs).filter { text in
                matcher.match(text.text) == nil && RedFlagMatcher(words: ["overdos*", "took tablets", "end it"]).matches(text.text)
            }
            let warned = answer.warnings.filter { $0.code == .possibleEmergency }
            #expect(warned.count == risky.count, "\(risky.map(\.text)) gave \(warned.count) warnings")
            for warning in warned { #expect(warning.suggestions == ["overdose"]) }
        }
    }

    @Test("the header never says a bare stage while an observation went unrecognised")
    func headerSaysRecognisedSignsOnly() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            let unrecognised = answer.warnings.contains { $0.code == .unknownSign }
            #expect(answer.stage.fromRecognisedSignsOnly == unrecognised)
            let text = AnswerText(color: false).render(answer)
            let header = text.split(separator: "\n").first { $0.hasPrefix(answer.name) } ?? ""
            if unrecognised {
                #expect(text.contains("\(answer.stage.label) — from recognised signs only"), "\(header)")
            } else {
                #expect(!text.contains("from recognised signs only"))
            }
        }
    }

    @Test("a binding ECT refusal is never may_be_overridden_by a Part 4 flag")
    func ectRefusalNeverOverridden() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            let ectNames: Set<String> = ["ect", "electroconvulsive therapy"]
            for refusal in answer.refusals
            where refusal.binding && (ectNames.contains(TextNormalizer.normalize(refusal.treatment)) || refusal.ect) {
                #expect(refusal.mayBeOverriddenBy == nil, "\(refusal.treatment)")
            }
        }
    }

    @Test(
        "each refusal binds as its validity on the day says, and a fired Part 4 flag may override exactly the binding non-ECT refusals for the mental disorder"
    )
    func refusalLinesFollowTheirValidityOnTheDay() async {
        // Evaluation answers from lines prepared at loading, or built again for a day before an
        // attorney's registration: either way they must be what the day's validity says.
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            let part4Flags = Set(world.policy.flags.filter(\.effects.mhaPart4).map(\.id))
            let part4 = answer.flags.first { part4Flags.contains($0.id) }?.id
            let refusals = world.plan.advanceDecisions.refusals
            #expect(answer.refusals.count == refusals.count)
            // As the policy reads each refusal: its declared decision may make it life-sustaining,
            // or a treatment for the mental disorder.
            let decisions = DecisionCatalog(policy: world.policy, plan: world.plan)
            for (line, refusal) in zip(answer.refusals, refusals.map(decisions.reading)) {
                let validity = RefusalValidity(
                    refusal, attorneys: world.plan.attorneys, born: world.plan.person.born, today: world.now.utcDate)
                #expect(line.binding == validity.binding, "\(refusal.treatment) on \(world.now.utcDate)")
                #expect(line.notBindingBecause == validity.notBindingBecause)
                let overridable = line.binding && refusal.forMentalDisorder && !line.ect
                #expect(line.mayBeOverriddenBy == (overridable ? part4 : nil), "\(refusal.treatment)")
            }
        }
    }

    @Test("a property-and-affairs attorney never acts for a welfare decision, nor a health-and-welfare one for a property decision")
    func attorneysStayInTheirDomain() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            let property = Set((world.policy.decisions ?? []).filter { $0.domain == .property }.map(\.id))
            for (attorney, line) in zip(world.plan.attorneys, answer.attorneys) {
                for decision in line.decisions {
                    let isProperty = property.contains(decision.decision)
                    if attorney.kind == .propertyAndAffairs && !isProperty { #expect(!decision.canAct) }
                    if attorney.kind == .healthAndWelfare && isProperty { #expect(!decision.canAct) }
                    if attorney.kind == nil { #expect(!decision.canAct) }
                }
            }
        }
    }
}
