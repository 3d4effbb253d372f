/// The short block under the header of the text form (SPEC v2 §6), one item each, only those
/// that apply: each unrecognised observation with the signs it may have meant (so that an
/// unmatched sign never reads as all clear); a plan overdue for review; a plan served from its
/// last good version; and which flags apply. The warnings section at the end still lists
/// every warning.
public enum AttentionBlock {
    public static func items(_ answer: Answer) -> [String] {
        // In SPEC's order, whatever the order of the warnings: what was not recognised, then
        // the plan's own state, then the flags.
        var items = answer.warnings.filter { $0.code == .unknownSign }.map { notRecognised($0, name: answer.name) }
        if answer.warnings.contains(where: { $0.code == .planReviewOverdue }) {
            let since = answer.reviewBy.map { " since \($0)" } ?? ""
            items.append("Plan overdue for review\(since) — it is still \(answer.name)'s plan; review it with them soon.")
        }
        for warning in answer.warnings where warning.code == .planHasUncheckedEdits {
            items.append("Plan has unchecked edits: " + warning.message)
        }
        if !answer.flags.isEmpty {
            items.append("Flags: " + answer.flags.map(\.id).joined(separator: ", ") + " — see below")
        }
        return items
    }

    /// `Not recognised: "self harm" — did you mean "I start cutting again" (self-harm, Crisis)?`
    private static func notRecognised(_ warning: AnswerWarning, name: String) -> String {
        let observed = "Not recognised: \"\(warning.observed ?? "")\""
        let counts = "The stage counts recognised signs only."
        guard !warning.suggestedSigns.isEmpty else {
            return observed + " — not one of \(name)'s signs. " + counts
        }
        let options = warning.suggestedSigns.map { "\"\($0.says)\" (\($0.id), \($0.stageLabel))" }
        return observed + " — did you mean " + options.joined(separator: " or ") + "? " + counts
    }
}
