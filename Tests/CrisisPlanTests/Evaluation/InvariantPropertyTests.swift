import PropertyBased
import Testing

@testable import CrisisPlan

/// Invariants that must hold for every policy, plan and timeline (SPEC §1), checked on 1,000
/// generated worlds each. A failure prints the choices that built the world, shrunk.
@Suite("Invariants over generated policies, plans and timelines")
struct InvariantPropertyTests {
    static let worlds = Gen.int(in: 0...1_000_000).array(of: 40...160)

    @Test(
        "no do-not-contact or withheld person is ever among the contacts, whatever case, spacing, Unicode form, name-versus-id, second entry or shared number"
    )
    func doNotContactHolds() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            // Whoever the plan keeps away, by name: its do-not-contact list and whoever the
            // answer withholds; each as written, in its look, or within a longer name.
            let keptAway = world.plan.doNotContact.map(\.name) + answer.withheld.map(\.name)
            let keptAwayIds = Set(world.plan.doNotContact.compactMap(\.id) + answer.withheld.compactMap(\.id))
            func isKeptAway(id: String, name: String) -> Bool {
                keptAwayIds.contains(id)
                    || keptAway.contains { other in
                        ConfusableSkeleton.of(other) == ConfusableSkeleton.of(name)
                            || FullName(other)?.isWithin(name) == true
                    }
            }
            // The numbers of every plan contact kept away: another entry with one is them too.
            let keptAwayNumbers = Set(
                world.plan.contacts.filter { !$0.professional && isKeptAway(id: $0.id, name: $0.name) }
                    .flatMap { PhoneNumber.keys($0.phone) })
            for contact in answer.contacts {
                #expect(!isKeptAway(id: contact.id, name: contact.name), "\(contact.name)")
                #expect(
                    contact.professional || keptAwayNumbers.isDisjoint(with: PhoneNumber.keys(contact.phone)),
                    "\(contact.name) shares a number with someone kept away")
            }
        }
    }

    @Test("everyone a withholding fact has named stays withheld while its flag fires")
    func namedStayWithheld() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            guard answer.flags.contains(where: { flag in
                world.policy.flags.first { $0.id == flag.id }?.effects.withholdContactNamedBy == "who"
            }) else { return }
            let people = PlanPeople(plan: world.plan)
            for observation in world.observations where observation.at <= world.now {
                for fact in observation.facts where fact.fact == "who" {
                    for entry in people.resolve(fact.value)?.entries ?? [] {
                        let name = people.entries[entry].name
                        #expect(answer.withheld.contains { $0.name == name }, "\(name) named by '\(fact.value)'")
                    }
                }
            }
        }
    }

    @Test("an attorney never has can_act for a decision marked deprivation_of_liberty")
    func attorneyNeverDeprivesOfLiberty() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            guard let attorney = try world.evaluate().attorney else { return }
            let liberty = Set((world.policy.decisions ?? []).filter(\.deprivationOfLiberty).map(\.id))
            for decision in attorney.decisions where liberty.contains(decision.decision) {
                #expect(!decision.canAct)
                #expect(!attorney.canAct)
            }
            #expect(attorney.canAct == (!attorney.decisions.isEmpty && attorney.decisions.allSatisfy(\.canAct)))
        }
    }

    @Test("every unrecognised observation appears in the attention block, above the person's responses")
    func unrecognisedInAttention() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let answer = try RandomWorld(choices).evaluate()
            let items = AttentionBlock.items(answer)
            for warning in answer.warnings where warning.code == .unknownSign {
                #expect(items.contains { $0.hasPrefix("Not recognised: ") && $0.contains("\"\(warning.observed ?? "")\"") })
            }
            let text = AnswerText(color: false).render(answer)
            let attention = text.components(separatedBy: "What Pat has agreed helps")[0]
            // One line for every unrecognised text (SPEC v3 §10.14), each text on it.
            let unknown = answer.warnings.filter { $0.code == .unknownSign }
            #expect(attention.components(separatedBy: "Not recognised:").count - 1 == (unknown.isEmpty ? 0 : 1))
            for warning in unknown {
                let spaced = attention.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let observed = (warning.observed ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
                #expect(spaced.contains("\"\(observed)"), "\(observed)")
            }
        }
    }

    @Test("no line of the text answer is wider than 80 terminal cells")
    func eightyColumns() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let text = AnswerText(color: false).render(try RandomWorld(choices).evaluate())
            for line in text.split(separator: "\n") {
                #expect(DisplayWidth.of(line) <= 80, "\(DisplayWidth.of(line)) cells: \(line)")
            }
        }
    }

    @Test("own responses are the person's list for the stage, in their order, whatever flags fire")
    func ownResponsesUnchangedByFlags() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            // The same policy with every flag effect other than raising the stage removed:
            // withholding, adding contacts, consulting and Part 4 must not touch the responses.
            var quiet = world.policy
            quiet.flags = quiet.flags.map { flag in
                var flag = flag
                let raise = (flag.effects.raiseTo, flag.effects.raiseToSource)
                flag.effects = FlagEffects()
                (flag.effects.raiseTo, flag.effects.raiseToSource) = raise
                return flag
            }
            let plain = try world.evaluate(policy: quiet)
            #expect(plain.stage.id == answer.stage.id)
            #expect(answer.ownResponses.map(\.action) == plain.ownResponses.map(\.action))
            let written = world.plan.responses(forStage: answer.stage.id).map(\.action)
            var remaining = written[...]
            for action in answer.ownResponses.map(\.action) {
                guard let index = remaining.firstIndex(of: action) else {
                    Issue.record("'\(action)' is not in the person's list, or is out of their order")
                    return
                }
                remaining = remaining[(index + 1)...]
            }
        }
    }

    @Test("a flag never lowers the stage")
    func flagsNeverLowerTheStage() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            var withoutFlags = world.policy
            withoutFlags.flags = []
            let with = try world.evaluate()
            let without = try world.evaluate(policy: withoutFlags)
            let rank = { (id: String) in world.policy.rank(ofStage: id) ?? -1 }
            #expect(rank(with.stage.id) >= rank(without.stage.id))
        }
    }

    @Test("every response, contact, flag, refusal and warning has a source")
    func everythingHasASource() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let answer = try RandomWorld(choices).evaluate()
            let sources =
                answer.ownResponses.map(\.source) + answer.contacts.map(\.source) + answer.flags.map(\.source)
                + answer.refusals.map(\.source) + answer.warnings.map(\.source) + answer.doNotContact.map(\.source)
            for source in sources {
                let parts = source.split(separator: ":")
                #expect(parts.count == 2 && Int(parts[1]) != nil && !parts[0].isEmpty, "source '\(source)'")
            }
        }
    }

    @Test("evaluation is deterministic")
    func deterministic() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let first = AnswerJSON.render(try world.evaluate())
            let second = AnswerJSON.render(try world.evaluate())
            #expect(first == second)
        }
    }
}
