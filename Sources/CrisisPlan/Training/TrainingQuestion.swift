/// A multiple-choice question for one step, drawn from the plan and policy, with the engine's
/// answer as the right choice.
public struct TrainingQuestion: Sendable {
    public var prompt: String
    public var choices: [String]
    /// Index into `choices`.
    public var correct: Int

    /// Builds the question for `kind`. Distractors come from the same plan and policy: the
    /// person's responses at other stages, their other contacts, people they do not want
    /// contacted, flags that did not fire, other stages.
    public init(kind: AnswerKind, ask: String, answer: Answer, plan: Plan, policy: Policy, seed: Int) {
        prompt = ask
        var right: String
        var others: [String] = []
        // Offered only when the plan gives fewer than three wrong answers of its own, so that no
        // question has a single choice (a small plan: one response, one contact).
        var fallbacks: [String] = []
        let nothingAgreed = "Nothing is agreed for this stage - ask the person what helps"
        switch kind {
        case .firstResponse:
            right = answer.ownResponses.first?.action ?? nothingAgreed
            others = plan.responses.flatMap(\.responses).map(\.action)
            // What upsets them is never what their plan says to do.
            fallbacks = [nothingAgreed] + plan.whenUnwell.avoid.map(\.text)
        case .firstContact:
            // With no one to call at the first stage the person is well: nothing is missing.
            let isWell = policy.stages.first?.id == answer.stage.id
            let wellText = "No one needs contacting - \(answer.name) is well"
            let noOneText = "No one on the plan for this stage - use the service's crisis procedures"
            right = answer.contacts.first.map { "\($0.name) (\($0.phone))" } ?? (isWell ? wellText : noOneText)
            others =
                plan.contacts.map { "\($0.name) (\($0.phone))" }
                + plan.doNotContact.map(\.name)
            fallbacks = [noOneText, wellText]
        case .contacts:
            right = Self.names(answer.contacts.map(\.name))
            let route = plan.contacts.map(\.name)
            others = [
                Self.names(route), Self.names(route.reversed()),
                Self.names(answer.contacts.map(\.name) + plan.doNotContact.map(\.name)),
                Self.names(answer.contacts.filter { !$0.statutory }.map(\.name)),
            ]
        case .doNotContact:
            right = Self.set(answer.doNotContact.map(\.name) + answer.withheld.map(\.name))
            others = plan.contacts.map(\.name) + [Self.set([])]
        case .flags:
            right = Self.set(answer.flags.map(\.title), none: "None - the person's own plan applies")
            let fired = Set(answer.flags.map(\.id))
            others =
                policy.flags.filter { !fired.contains($0.id) }.map(\.title)
                + [Self.set([], none: "None - the person's own plan applies")]
        case .stage:
            // As the answer's header says it: "Well — from recognised signs only" when something
            // typed was not understood, never a bare "Well" (nor that bare label as a wrong choice).
            right = answer.stage.heading
            others = policy.stages.map(\.label).filter { $0 != answer.stage.label }
        }
        var distractors: [String] = []
        for option in others where option != right && !distractors.contains(option) { distractors.append(option) }
        for option in fallbacks where distractors.count < 3 && option != right && !distractors.contains(option) {
            distractors.append(option)
        }
        var generator = TrainingShuffle(seed: seed)
        distractors = generator.shuffled(distractors)
        var choices = Array(distractors.prefix(3)) + [right]
        choices = generator.shuffled(choices)
        self.choices = choices
        correct = choices.firstIndex(of: right) ?? 0
    }

    /// People in the order to call them: "Jo, then Ash".
    static func names(_ names: [String], none: String = "No one") -> String {
        names.isEmpty ? none : names.joined(separator: ", then ")
    }

    /// Things that hold together, in no order: "Jo, Ash and Lee".
    static func set(_ names: [String], none: String = "No one") -> String {
        guard let last = names.last else { return none }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }
}
