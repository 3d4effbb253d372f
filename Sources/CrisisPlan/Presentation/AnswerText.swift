/// The answer for a crisis worker at 3 a.m. (SPEC v2 §6 text form). At the top, only what must
/// be seen first: in an emergency the `EMERGENCY —` line and each flag's first action; the line
/// with the person's name, pronouns and stage; then the attention block — signs that were not
/// recognised (never read as all clear), an overdue plan, which flags apply. Then the person's
/// own responses in their words, who to call, who never to call and why, each flag with its
/// basis, why it fired, what it permits and what to record; then warnings. No line is wider
/// than 80 terminal cells; colour only when asked for (a terminal, and `NO_COLOR` unset).
public struct AnswerText {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ answer: Answer) -> String {
        var out: [String] = []
        let emergencies = answer.emergencies
        if !emergencies.isEmpty {
            out.append(bold(wrapped("EMERGENCY — " + emergencies.map(\.title).joined(separator: "; "), "  ", first: "")))
            for flag in emergencies {
                if let action = flag.firstAction { out.append(bold(wrapped(action, "  ", first: ""))) }
            }
        }
        var header = answer.name
        if let pronouns = answer.pronouns { header += " (\(pronouns))" }
        header += " — \(answer.stage.heading)"
        out.append(bold(wrapped(header, "  ", first: "")))
        for item in AttentionBlock.items(answer) { out.append(wrapped(item, "  ", first: "")) }

        section(&out, "What \(answer.name) has agreed helps, in their order")
        if answer.ownResponses.isEmpty { out.append("  (none written for this stage)") }
        for (index, response) in answer.ownResponses.enumerated() {
            out.append(wrapped("\(index + 1). [\(Self.actor(response.by))] \(response.action)", "     "))
            if let note = Self.namesNote(response) { out.append(wrapped(note, "     ", first: "     ")) }
        }
        out.append(wrapped("Why this stage (as of \(answer.at)): " + answer.stage.because.joined(separator: "; "), "    "))

        section(&out, "Who to call, in this order")
        if answer.contacts.isEmpty {
            out.append(
                wrapped(
                    answer.stage.label.isEmpty
                        ? "No one to contact." : "The plan has no one to contact at \(answer.stage.label).", "    "))
        }
        for (index, contact) in answer.contacts.enumerated() {
            out.append(wrapped("\(index + 1). " + Self.contactText(contact), "     "))
        }
        if !answer.doNotContact.isEmpty {
            section(&out, "Do NOT contact")
            for entry in answer.doNotContact {
                out.append(wrapped("- \(entry.name)" + (entry.reason.isEmpty ? "" : ": \(entry.reason)"), "    "))
            }
        }
        if !answer.withheld.isEmpty {
            section(&out, "Withheld - keep away")
            for entry in answer.withheld { out.append(wrapped("- \(entry.name): \(entry.because)", "    ")) }
        }
        if !(answer.helps.isEmpty && answer.avoid.isEmpty && answer.takeCareOf.isEmpty) { out.append("") }
        list(&out, "Helps", answer.helps)
        list(&out, "Avoid", answer.avoid)
        list(&out, "Take care of", answer.takeCareOf)
        if !answer.conflicts.isEmpty {
            section(&out, "Conflicts for a named professional to decide")
            for conflict in answer.conflicts { out.append(wrapped("- \(conflict.message)", "    ")) }
        }
        for flag in answer.flags {
            section(&out, "FLAG (\(flag.kind.rawValue)): \(flag.title)")
            out.append(wrapped("Basis: \(flag.basis)", "    "))
            out.append(wrapped("Because: " + flag.because.joined(separator: "; "), "    "))
            if !flag.decisions.isEmpty {
                out.append(wrapped("For these decisions only: " + flag.decisions.joined(separator: ", "), "    "))
            }
            if !flag.permits.isEmpty { out.append(wrapped("Permits: \(flag.permits)", "    ")) }
            for line in flag.guidance { out.append(wrapped("- \(line)", "    ")) }
            if !flag.mustRecord.isEmpty {
                out.append(wrapped("Record: " + flag.mustRecord.joined(separator: "; "), "    "))
            }
        }
        if !answer.statements.isEmpty || !answer.refusals.isEmpty || !answer.attorneys.isEmpty {
            section(&out, "Advance decisions")
            for statement in answer.statements { out.append(wrapped("- Wish: \(statement)", "    ")) }
            for refusal in answer.refusals {
                out.append(wrapped(Self.refusalText(refusal), "    "))
            }
            for attorney in answer.attorneys {
                out.append(
                    wrapped(
                        "- Attorney: \(attorney.name) — " + (attorney.canAct ? "can act" : "cannot act")
                            + " (\(attorney.because))",
                        "    "))
                if attorney.decisions.count > 1 || attorney.decisions.contains(where: { $0.because != attorney.because }) {
                    for decision in attorney.decisions {
                        out.append(
                            wrapped(
                                "\(decision.decision): " + (decision.canAct ? "can act" : "cannot act")
                                    + " — \(decision.because)", "      ", first: "    "))
                    }
                }
            }
        }
        if !answer.views.isEmpty {
            section(&out, "Where views differ")
            for view in answer.views {
                out.append(wrapped("- \(view.about)", "    "))
                out.append(wrapped("\(answer.name): \(view.person)", "      ", first: "    "))
                out.append(wrapped("Care team: \(view.careTeam)", "      ", first: "    "))
            }
        }
        if !answer.warnings.isEmpty {
            section(&out, "Warnings")
            for warning in answer.warnings {
                out.append(highlight(wrapped("- \(warning.code.rawValue): \(warning.message) [\(warning.source)]", "    ")))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Binding or not and why, whether it applies now (MCA s25(3)), and for one that does not
    /// bind, that it is still a wish to weigh (s4(6)).
    public static func refusalText(_ refusal: RefusalLine) -> String {
        var line = "- Refuses \(refusal.treatment): "
        if refusal.binding {
            // Valid as written; whether it still holds, and fits what is in front of them, the
            // worker checks (MCA s25(2)(c), s25(4)).
            line +=
                "binding (a valid advance decision, unless they have withdrawn it or acted against it since, s25(2); check it is about this treatment in these circumstances, s25(4))"
        } else {
            line += "not binding (" + refusal.notBindingBecause.joined(separator: "; ")
                + ") — still a wish to weigh (MCA s4(6)) in any best-interests decision"
        }
        switch refusal.appliesNow {
        case true?: line += "; applies now: a current assessment says they lack capacity for it"
        case false?: line += "; does not apply now: a current assessment says they can decide for themselves"
        case nil: line += "; applies only if they lack capacity for this decision when it arises (s25(3))"
        }
        if let flag = refusal.mayBeOverriddenBy { line += "; may be overridden under flag '\(flag)'" }
        if refusal.ect && refusal.binding {
            line +=
                "; a refusal of ECT cannot be overridden under Part 4 of the Mental Health Act (s58A(5)(c)(i)) - urgent treatment under s62(1A) is a clinical decision outside this answer"
        }
        return line
    }

    /// `(names Dev Shah — withheld, see below)` after an own response that names someone who
    /// must not be contacted; the response itself stays as written.
    public static func namesNote(_ response: ResponseLine) -> String? {
        response.namesSummary.map { "(" + $0 + ", see below)" }
    }

    /// `Rosa Kemp (aunt) — 07700 900987 [added by policy] — closed now — opens Mon 09:00`.
    public static func contactText(_ contact: ContactLine) -> String {
        var line = contact.name
        if let relation = contact.relation { line += " (\(relation))" }
        line += " — \(contact.phone)"
        if contact.statutory { line += " [added by policy]" }
        if contact.openNow == false {
            line += " — closed now" + (contact.opensText.map { " — opens \($0)" } ?? "")
        }
        for note in contact.notes { line += " — note: \(note)" }
        return line
    }

    public static func actor(_ actor: Response.Actor) -> String {
        switch actor {
        case .me: "me"
        case .supporters: "supporters"
        case .careTeam: "care team"
        }
    }

    private func section(_ out: inout [String], _ title: String) {
        out.append("")
        out.append(bold(TextWrapper.wrap(title, first: "", rest: "  ")))
    }

    private func list(_ out: inout [String], _ title: String, _ items: [String]) {
        guard !items.isEmpty else { return }
        out.append(wrapped("\(title): " + items.joined(separator: "; "), "    ", first: "  "))
    }

    private func wrapped(_ text: String, _ rest: String, first: String = "  ") -> String {
        TextWrapper.wrap(text, first: first, rest: rest)
    }

    private func bold(_ text: String) -> String { color ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    /// Warnings in yellow on a terminal, so that they are not read past.
    private func highlight(_ text: String) -> String { color ? "\u{1B}[33m\(text)\u{1B}[0m" : text }
}
