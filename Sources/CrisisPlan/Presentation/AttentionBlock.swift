/// The short block under the header of the text form (SPEC v3 §10.8), one item each, only
/// those that apply, most urgent first: possible emergencies in what was typed; questions to
/// ask now; who to keep away; a route with no one to call; what was not recognised (never
/// read as all clear); an overdue plan; a plan served from its last good version; which flags
/// apply. The warnings section at the end still lists every warning.
public enum AttentionBlock {
    /// One item of the block, with the part of the answer (or the question) it points to.
    public struct Item: Sendable, Hashable {
        public enum Target: Sendable, Hashable {
            /// The form's control for a fact.
            case fact(String)
            /// Who is withheld: keep them away.
            case keepAway
            case contacts
            case warnings
            case flags
        }

        public var text: String
        public var target: Target
    }

    public static func items(_ answer: Answer) -> [String] { entries(answer).map(\.text) }

    public static func entries(_ answer: Answer) -> [Item] {
        var items: [Item] = []
        let emergencies = answer.warnings.filter { $0.code == .possibleEmergency && $0.inAttention }.prefix(3)
        for warning in emergencies {
            items.append(
                Item(
                    text: "Possible emergency: \"\(warning.observed ?? "")\" — \(warning.message)",
                    target: .fact(warning.suggestions.first ?? "")))
        }
        for prompt in answer.prompts {
            let because = prompt.because.isEmpty ? "" : " — \(prompt.because)"
            items.append(Item(text: "Ask now: \(prompt.asks)\(because)", target: .fact(prompt.fact)))
        }
        if !answer.withheld.isEmpty {
            let people = answer.withheld.map { "\($0.name) — \($0.because)" }
            items.append(Item(text: "Keep away: " + people.joined(separator: "; "), target: .keepAway))
        }
        if let notice = answer.routeNotice { items.append(Item(text: notice, target: .contacts)) }
        let unrecognised = answer.warnings.filter { $0.code == .unknownSign }
        if !unrecognised.isEmpty {
            items.append(Item(text: notRecognised(unrecognised, name: answer.name), target: .warnings))
        }
        if answer.warnings.contains(where: { $0.code == .planReviewOverdue }) {
            let since = answer.reviewBy.map { " since \($0)" } ?? ""
            items.append(
                Item(
                    text: "Plan overdue for review\(since) — it is still \(answer.name)'s plan; review it with them soon.",
                    target: .warnings))
        }
        for warning in answer.warnings where warning.code == .planHasUncheckedEdits {
            items.append(Item(text: "Plan has unchecked edits: " + warning.message, target: .warnings))
        }
        if !answer.flags.isEmpty {
            items.append(Item(text: "Flags: " + answer.flags.map(\.id).joined(separator: ", ") + " — see below", target: .flags))
        }
        return items
    }

    /// `Not recognised: "self harm" — did you mean "I start cutting again" (self-harm, Crisis)?`,
    /// every unrecognised text on one line.
    private static func notRecognised(_ warnings: [AnswerWarning], name: String) -> String {
        let parts = warnings.map { warning in
            let observed = "\"\(warning.observed ?? "")\""
            guard !warning.suggestedSigns.isEmpty else { return observed + " — not one of \(name)'s signs" }
            let options = warning.suggestedSigns.map { "\"\($0.says)\" (\($0.id), \($0.stageLabel))" }
            return observed + " — did you mean " + options.joined(separator: " or ") + "?"
        }
        // A last part that asks "did you mean …?" ends the sentence itself.
        let listed = "Not recognised: " + parts.joined(separator: "; ")
        return listed + (listed.hasSuffix("?") ? " " : ". ") + "The stage counts recognised signs only."
    }
}
