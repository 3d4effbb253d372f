import PropertyBased
import Testing

@testable import CrisisPlan

/// Invariants that must hold for every policy, plan and timeline (SPEC §1), checked on 1,000
/// generated worlds each. A failure prints the choices that built the world, shrunk.
@Suite("Invariants over generated policies, plans and timelines")
struct InvariantPropertyTests {
    static let worlds = Gen.int(in: 0...1_000_000).array(of: 40...160)

    @Test("no do-not-contact person is ever among the contacts")
    func doNotContactHolds() async {
        await propertyCheck(count: 1_000, input: Self.worlds) { choices in
            let world = RandomWorld(choices)
            let answer = try world.evaluate()
            let blockedNames = Set(world.plan.doNotContact.map { TextNormalizer.normalize($0.name) })
            let blockedIds = Set(world.plan.doNotContact.compactMap(\.id))
            for contact in answer.contacts {
                #expect(!blockedIds.contains(contact.id))
                #expect(!blockedNames.contains(TextNormalizer.normalize(contact.name)))
            }
            let withheld = Set(answer.withheld.map(\.id))
            #expect(answer.contacts.allSatisfy { !withheld.contains($0.id) })
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
