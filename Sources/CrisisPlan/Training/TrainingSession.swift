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

    /// The part of the plan a question is about, shown before it is asked, so that training
    /// teaches reading the plan rather than guessing: the signs and agreed responses for a
    /// question about the stage or what helps; the contacts, routes and do-not-contact list
    /// for a question about who to call; the whole of both for a question about flags.
    public func planExcerpt(for kind: AnswerKind) -> [String] {
        let stages = policy.stages
        let label = { (id: String) in stages.first(where: { $0.id == id })?.label ?? id }
        var lines: [String] = []
        let aboutSigns = [.firstResponse, .stage, .flags].contains(kind)
        let aboutContacts = [.firstContact, .contacts, .doNotContact, .flags].contains(kind)
        if aboutSigns {
            lines.append("\(plan.person.name)'s early warning signs:")
            for sign in plan.signs { lines.append("  - \(sign.says) (\(label(sign.stage)))") }
            for group in plan.responses {
                lines.append("What helps at \(label(group.stage)), in \(plan.person.name)'s order:")
                for (number, response) in group.responses.enumerated() {
                    lines.append("  \(number + 1). \(response.action)")
                }
            }
        }
        if aboutContacts {
            for route in plan.contactRoutes {
                let names = route.contacts.map { entry in plan.contact(entry.text)?.name ?? entry.text }
                lines.append("Contact at \(label(route.stage)): " + names.joined(separator: ", then "))
            }
            for entry in plan.doNotContact {
                lines.append("Do NOT contact: \(entry.name)" + (entry.reason.map { " — \($0)" } ?? ""))
            }
        }
        return lines
    }

    /// Why the engine answered as it did, in the order the answer puts it: in an emergency the
    /// `EMERGENCY` line and each first action; the stage as the header says it, and its
    /// reasons; the attention block (questions to ask now, who to keep away, what was not
    /// recognised); the person's own responses; and each flag's basis, reasons and what to
    /// record.
    public func explanation(_ answer: Answer) -> [String] {
        var lines: [String] = []
        let emergencies = answer.emergencies
        if !emergencies.isEmpty {
            lines.append("EMERGENCY — " + emergencies.map(\.title).joined(separator: "; "))
            lines += emergencies.compactMap(\.firstAction)
        }
        lines.append("Stage: \(answer.stage.heading) (" + answer.stage.because.joined(separator: "; ") + ")")
        lines += AttentionBlock.entries(answer).filter { $0.target != .flags }.map(\.text)
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
        // Always, not only when someone tries to route them: a trainee who chose them must
        // read why they are never the one to call.
        for entry in answer.doNotContact { lines.append("Do not contact: \(entry.name) — \(entry.reason)") }
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
