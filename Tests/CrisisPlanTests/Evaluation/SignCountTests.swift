import Testing

@testable import CrisisPlan

/// Every evaluation starts from a list of unobserved signs the policy shares between plans,
/// with room for 8, 16, … 256 signs, or from the plan's own list past that: whatever the
/// plan's size, exactly the signs observed are active, and a resolved sign is not.
@Suite("Plans of any number of signs")
struct SignCountTests {
    /// Sam's plan with `count` signs, `sign-0` … (early, crisis, early, …; the last one crisis).
    private func evaluator(signs count: Int) throws -> Evaluator {
        let (policy, sam) = try PersonLoader.load(ShippedRules.rules, person: "sam", today: ShippedRules.now.utcDate)
        var plan = sam
        let source = SourceLocation(file: "people/sam.yaml", line: 1)
        plan.signs = (0..<count).map { index in
            EarlyWarningSign(
                id: "sign-\(index)", says: "I notice sign \(index)", also: [],
                stage: index % 2 == 1 || index == count - 1 ? "crisis" : "early", stageSource: source, source: source)
        }
        return Evaluator(policy: policy, plan: plan)
    }

    @Test("1 to 300 signs: the first and last observed are active, nothing else; resolved, the last is not")
    func observedSignsAreActive() throws {
        for count in [1, 2, 7, 8, 9, 16, 17, 255, 256, 257, 300] {
            let evaluator = try evaluator(signs: count)
            let last = "sign-\(count - 1)"
            let observed = try ShippedRules.observation(signs: ["sign-0", last])
            let answer = try evaluator.evaluate([observed], now: ShippedRules.now)
            #expect(answer.trace.activeSigns == (count == 1 ? ["sign-0"] : ["sign-0", last]), "\(count) signs")
            #expect(answer.stage.id == "crisis", "\(count) signs")
            #expect(!answer.warnings.contains { $0.code == .unknownSign }, "\(count) signs")

            var resolved = try ShippedRules.observation(at: Timestamp(seconds: ShippedRules.now.seconds + 60))
            resolved.resolved = [SourcedText(text: last, source: resolved.source)]
            let later = try evaluator.evaluate([observed, resolved], now: Timestamp(seconds: ShippedRules.now.seconds + 60))
            #expect(later.trace.activeSigns == (count == 1 ? [] : ["sign-0"]), "\(count) signs")
        }
    }
}
