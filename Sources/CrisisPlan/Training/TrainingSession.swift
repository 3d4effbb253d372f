/// A scenario played step by step for a trainee: the narrative and question, choices, then
/// the engine's answer and why. Nothing from a later step is shown before it is reached.
public struct TrainingSession: Sendable {
    public let scenario: Scenario
    public let plan: Plan
    public let policy: Policy
    private let evaluator: Evaluator

    public init(scenario: Scenario, plan: Plan, policy: Policy) {
        self.scenario = scenario
        self.plan = plan
        self.policy = policy
        evaluator = Evaluator(policy: policy, plan: plan)
    }

    /// The answer for step `index` (0-based), with every earlier step.
    public func answer(at index: Int) throws(DiagnosticList) -> Answer {
        try evaluator.evaluate(scenario.steps[...index].map(\.observation), now: scenario.steps[index].observation.at)
    }

    /// The question for a step, if it asks one.
    public func question(at index: Int, answer: Answer) -> TrainingQuestion? {
        let step = scenario.steps[index]
        guard let kind = step.answer, let ask = step.ask else { return nil }
        var seed = index
        for byte in scenario.name.utf8 { seed = seed &* 31 &+ Int(byte) }
        return TrainingQuestion(kind: kind, ask: ask, answer: answer, plan: plan, policy: policy, seed: seed)
    }

    /// Why the engine answered as it did: the stage and its reasons, the person's own
    /// responses, and each flag's basis, reasons and what to record.
    public func explanation(_ answer: Answer) -> [String] {
        var lines = ["Stage: \(answer.stage.label) — " + answer.stage.because.joined(separator: "; ")]
        if answer.ownResponses.isEmpty {
            lines.append("\(plan.person.name)'s plan has nothing agreed for this stage.")
        } else {
            lines.append("\(plan.person.name)'s own responses, in their order:")
            for (number, response) in answer.ownResponses.enumerated() {
                lines.append("  \(number + 1). \(response.action)")
            }
        }
        if !answer.contacts.isEmpty {
            lines.append("Contact: " + answer.contacts.map(\.name).joined(separator: ", then "))
        }
        for entry in answer.withheld { lines.append("Withheld: \(entry.name) — \(entry.because)") }
        for conflict in answer.conflicts { lines.append("Conflict: \(conflict.message)") }
        for flag in answer.flags {
            lines.append("Flag: \(flag.title) — \(flag.basis)")
            lines.append("  because " + flag.because.joined(separator: "; "))
            if !flag.mustRecord.isEmpty { lines.append("  record: " + flag.mustRecord.joined(separator: "; ")) }
        }
        for warning in answer.warnings { lines.append("Warning: \(warning.message)") }
        return lines
    }
}
