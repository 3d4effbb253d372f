/// The answer for a crisis worker at 3 a.m. (SPEC §6 text form): one header line, then the
/// person's own responses in their words, then who to call, who never to call and why, then
/// each flag with its basis, why it fired, what it permits and what to record; then warnings.
/// Fits 80 columns; colour only when asked for (a terminal, and `NO_COLOR` unset).
public struct AnswerText {
    public var color: Bool

    public init(color: Bool) {
        self.color = color
    }

    public func render(_ answer: Answer) -> String {
        var out: [String] = []
        var header = answer.name
        if let pronouns = answer.pronouns { header += " (\(pronouns))" }
        header += " — \(answer.stage.label)"
        if let emergency = answer.emergency {
            header = "EMERGENCY — \(emergency.title) — " + header
        }
        out.append(bold(header))
        out.append(
            dim(wrapped("As of \(answer.at). Stage because: " + answer.stage.because.joined(separator: "; "), "    ")))

        section(&out, "What \(answer.name) has agreed helps, in their order")
        if answer.ownResponses.isEmpty { out.append("  (none written for this stage)") }
        for (index, response) in answer.ownResponses.enumerated() {
            out.append(wrapped("\(index + 1). [\(actor(response.by))] \(response.action)", "     "))
        }
        list(&out, "Helps", answer.helps)
        list(&out, "Avoid", answer.avoid)
        list(&out, "Take care of", answer.takeCareOf)

        section(&out, "Contact, in this order")
        if answer.contacts.isEmpty { out.append("  (no one in the plan's route can be contacted now)") }
        for (index, contact) in answer.contacts.enumerated() {
            var line = "\(index + 1). \(contact.name)"
            if let relation = contact.relation { line += " (\(relation))" }
            line += "  \(contact.phone)"
            if contact.statutory { line += "  [added by policy]" }
            out.append(wrapped(line, "     "))
        }
        if !answer.doNotContact.isEmpty {
            section(&out, "Do NOT contact")
            for entry in answer.doNotContact {
                out.append(wrapped("- \(entry.name)" + (entry.reason.isEmpty ? "" : ": \(entry.reason)"), "    "))
            }
        }
        if !answer.withheld.isEmpty {
            section(&out, "Withheld")
            for entry in answer.withheld { out.append(wrapped("- \(entry.name): \(entry.because)", "    ")) }
        }
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
        if !answer.statements.isEmpty || !answer.refusals.isEmpty || answer.attorney != nil {
            section(&out, "Advance decisions")
            for statement in answer.statements { out.append(wrapped("- Wish: \(statement)", "    ")) }
            for refusal in answer.refusals {
                var line = "- Refuses \(refusal.treatment): "
                line +=
                    refusal.binding
                    ? "binding" : "not binding (" + refusal.notBindingBecause.joined(separator: "; ") + ")"
                if let flag = refusal.mayBeOverriddenBy { line += "; may be overridden under flag '\(flag)'" }
                out.append(wrapped(line, "    "))
            }
            if let attorney = answer.attorney {
                out.append(
                    wrapped(
                        "- Attorney: \(attorney.name) — " + (attorney.canAct ? "can act" : "cannot act")
                            + " (\(attorney.because))",
                        "    "))
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
                out.append(wrapped("- \(warning.code.rawValue): \(warning.message) [\(warning.source)]", "    "))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func actor(_ actor: Response.Actor) -> String {
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
    private func dim(_ text: String) -> String { color ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
