import PropertyBased
import Testing

@testable import CrisisPlan

/// Every rule, flag and prompt is first tested without its reasons (`holds(_:)`) and only a
/// condition that holds has them written (`holds(_:because:decisions:)`). The two walk a
/// condition separately, so a flag that should fire is safe only if they always agree.
@Suite("A condition holds alike with or without its reasons")
struct ConditionReasonsPropertyTests {
    /// Any condition the evaluator knows: the world's own, and ages, open routes, undeclared
    /// facts and empty or deeper `all`/`any`/`not` that the world's policies never hold.
    static func condition(_ c: inout ChoiceStream, depth: Int = 0) -> Condition {
        let loc = RandomWorld.policyLocation(2)
        let nested = { (c: inout ChoiceStream) in (0..<c.next(4)).map { _ in condition(&c, depth: depth + 1) } }
        switch c.next(depth > 3 ? 5 : 9) {
        case 0:
            return .age(AgeCondition(comparator: c.chance(50) ? .under : .atLeast, years: 10 + c.next(20), source: loc))
        case 1: return .routeOpen(c.chance(50), loc)
        case 2:
            return .fact(
                FactCondition(
                    fact: c.chance(50) ? "undeclared" : "overdose", factSource: loc, comparator: .in,
                    operands: [RandomWorld.operand("yes"), RandomWorld.operand("no")], source: loc))
        case 3, 4: return RandomWorld.condition(&c, depth: 2)
        case 5: return .all(nested(&c), loc)
        case 6: return .any(nested(&c), loc)
        case 7: return .not(condition(&c, depth: depth + 1), loc)
        default: return RandomWorld.condition(&c, depth: depth)
        }
    }

    @Test("holds(c) equals holds(c, because:); a condition that fails writes no reason; one that holds writes one")
    func reasonsNeverChangeTheDecision() async {
        await propertyCheck(count: 1_000, input: InvariantPropertyTests.worlds) { choices in
            var world = RandomWorld(choices)
            var c = ChoiceStream(choices.reversed())
            if c.chance(60) { world.plan.person.born = CalendarDate(year: 1995 + c.next(30), month: 6, day: 15) }
            let context = EvaluationContext(policy: CompiledPolicy(world.policy), plan: world.plan)
            var state = TimelineState(context)
            for observation in world.observations {
                withUnsafePointer(to: observation) { state.apply($0, now: world.now, context: context) }
            }
            guard state.errors.isEmpty else { return }
            state.settleAttention()
            let timeline = SettledTimeline(consume state)
            let withholding = SourceOfHarmWithholding(namings: timeline.state.namings, context: context)

            for _ in 0..<12 {
                let written = Self.condition(&c)
                let condition = CompiledCondition(
                    written, policy: world.policy, factTable: context.policy.factTable,
                    stageRank: context.policy.stageRank)
                for rank in world.policy.stages.indices {
                    var plain = ConditionEvaluator(
                        context: context, timeline: timeline, now: world.now, stageRank: rank,
                        withholding: withholding)
                    var reasoned = plain
                    var because = ["earlier reason"]
                    var decisions = ["earlier decision"]
                    let holds = plain.holds(condition)
                    #expect(
                        reasoned.holds(condition, because: &because, decisions: &decisions) == holds,
                        "\(written) at stage \(rank)")
                    #expect(plain.ageWasUnknown == reasoned.ageWasUnknown, "\(written)")
                    if holds {
                        #expect(because.count > 1 || Self.isVacuous(written), "\(written) held with no reason")
                    } else {
                        #expect(because == ["earlier reason"], "\(written) failed but wrote \(because)")
                        #expect(decisions == ["earlier decision"], "\(written) failed but named \(decisions)")
                    }
                }
            }
        }
    }

    /// An `all` of nothing holds and says nothing, and so may an `all` or `any` built of one.
    static func isVacuous(_ condition: Condition) -> Bool {
        switch condition {
        case .all(let items, _): items.allSatisfy(isVacuous)
        case .any(let items, _): items.contains(where: isVacuous)
        default: false
        }
    }
}
