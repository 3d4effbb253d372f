/// The cards a patient view shows: the plan is in place (its early warning signs in the
/// person's words, and for each stage above the lowest the agreed responses and the first
/// contact), then one warning per do-not-contact person, then one card per advance refusal (a withdrawn one
/// says so).
///
/// A patient view carries no observations, so no card states a stage or a flag: the cards say
/// what was agreed, for the worker to open the full answer when something is happening.
public enum PatientViewCards {
    /// CDS Hooks' limit for a card's summary.
    public static let summaryLimit = 140

    /// From the plan as evaluation prepared it, so the contacts are the route evaluation uses:
    /// nobody on the do-not-contact list (by id, or a name that looks like theirs) is ever a
    /// first contact here either.
    public static func cards(context: EvaluationContext, now: Timestamp) -> [PatientViewCard] {
        let plan = context.plan
        var cards = [planCard(context: context, now: now)]
        for entry in plan.doNotContact {
            var detail = "**Do not contact \(md(entry.name))**" + (entry.relation.map { " (\(md($0)))" } ?? "") + "."
            if let reason = entry.reason { detail += "\n\nIn \(md(plan.person.name))'s words: \(md(reason))" }
            if !entry.roles.isEmpty {
                let roles = entry.roles.map { $0.replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
                detail += "\n\nEven as \(md(roles)): any duty to consult is shown as a conflict when the plan is answered, never as a contact."
            }
            cards.append(
                PatientViewCard(
                    about: "do-not-contact:" + (entry.id ?? entry.name), indicator: .warning,
                    summary: summary("Do not contact \(entry.name)" + (entry.relation.map { " (\($0))" } ?? "")),
                    detail: detail + source(entry.source), source: entry.source))
        }
        // As the policy reads them: a refusal of a life-sustaining or ECT decision is one.
        // A withdrawn one too: a copy of it may still be in the record, and the card says it
        // no longer applies.
        for (position, refusal) in context.advanceRefusals.enumerated() {
            guard !refusal.withdrawn else {
                cards.append(
                    PatientViewCard(
                        about: "refusal:" + refusal.source.pathAndLine, indicator: .info,
                        summary: summary("Advance decision: refuses \(refusal.treatment) (withdrawn)"),
                        detail: "\(md(plan.person.name)) made an advance decision to refuse \(md(refusal.treatment))"
                            + (refusal.made.map { " (made \($0))" } ?? "")
                            + " and has withdrawn it (Mental Capacity Act 2005 s24(3)): it does not bind, and is not to be relied on as their wish. Ask them, or those who know them, what they want now."
                            + source(refusal.source),
                        source: refusal.source))
                continue
            }
            let validity = RefusalValidity(
                refusal, attorneys: plan.attorneys, born: plan.person.born, today: now.utcDate)
            let lawNote =
                !validity.binding ? ""
                : context.ectRefusals[position]
                    ? " A refusal of ECT cannot be overridden under Part 4 of the Mental Health Act (s58A)."
                : refusal.forMentalDisorder
                    ? " It refuses treatment for a mental disorder: if they are detained and Part 4 of the Mental Health Act applies, that treatment may be given without their consent (Mental Health Act 1983 s63); the full answer says when."
                    : ""
            let detail =
                validity.binding
                ? "\(md(plan.person.name)) has made an advance decision to refuse \(md(refusal.treatment))"
                    + (refusal.made.map { " (made \($0))" } ?? "")
                    + ". It is binding if they lack capacity for this treatment when it arises; when they have capacity, they decide."
                : "\(md(plan.person.name)) has refused \(md(refusal.treatment)) in advance"
                    + (refusal.made.map { " (made \($0))" } ?? "")
                    + ". It is not binding (" + validity.notBindingBecause.map(md).joined(separator: "; ")
                    + "), but it is still their wish and must be weighed in any best-interests decision."
            cards.append(
                PatientViewCard(
                    about: "refusal:" + refusal.source.pathAndLine, indicator: validity.binding ? .warning : .info,
                    summary: summary(
                        "Advance decision: refuses \(refusal.treatment)"
                            + (validity.binding ? " (binding)" : " (not binding; still their wish)")),
                    detail: detail + lawNote + source(refusal.source), source: refusal.source))
        }
        return cards
    }

    /// The record's identifiers match the plan, its date of birth does not: one warning and
    /// no plan content until someone checks (showing another person's plan is the hazard).
    public static func identityNotConfirmed(plan: Plan) -> PatientViewCard {
        PatientViewCard(
            about: "identity", indicator: .warning,
            summary: "A crisis plan has this identifier but a different date of birth: check before relying on it",
            detail:
                "The record's date of birth is not the plan's. Open crisisplan and check that the plan is this person's before using it; then correct whichever is wrong.",
            source: plan.person.source)
    }

    /// The record's identifiers match several plans: one warning, none of them shown.
    public static func ambiguous(plans count: Int, source: SourceLocation) -> PatientViewCard {
        PatientViewCard(
            about: "identity", indicator: .warning,
            summary: "This record's identifiers match \(count) crisis plans: check which is this person's",
            detail:
                "More than one crisis plan holds one of this record's identifiers, so none is shown here. Search for the person in crisisplan and correct the identifiers.",
            source: source)
    }

    /// Whether a record's `birthDate` (FHIR: a year, a month or a day) disagrees with the plan's.
    public static func birthDateDiffers(_ recorded: String, plan: Plan) -> Bool {
        guard let born = plan.person.born else { return false }
        // At least a year; anything shorter cannot be checked, so it is not taken as agreeing.
        return recorded.count < 4 || !born.description.hasPrefix(recorded)
    }

    private static func planCard(context: EvaluationContext, now: Timestamp) -> PatientViewCard {
        let plan = context.plan
        let policy = context.policy.policy
        let person = plan.person
        let overdue = now.utcDate > plan.dates.reviewBy
        var lines: [String] = []
        if overdue {
            lines.append(
                "**Review overdue since \(plan.dates.reviewBy).** It is still \(md(person.name))'s plan: use it, and review it with them soon.")
        }
        if !plan.signs.isEmpty {
            lines.append("**Early warning signs, in \(md(person.name))'s words**")
            lines.append(plan.signs.map { "- \(md($0.says))" }.joined(separator: "\n"))
        }
        let zone = LocalTime(identifier: policy.timezone)
        for (rank, stage) in policy.stages.enumerated().dropFirst() {
            let responses = plan.responses(forStage: stage.id)
            let contacts = rank < context.stages.count ? context.stages[rank].route : []
            guard !responses.isEmpty || !contacts.isEmpty else { continue }
            var block = ["**What helps at “\(md(stage.label))”**"]
            for (index, response) in responses.enumerated() {
                block.append("\(index + 1). \(md(AnswerText.actor(response.by).capitalizedFirst)): \(md(response.action))")
            }
            if let first = contacts.first {
                var line = "First contact: \(md(first.name))" + (first.relation.map { " (\(md($0)))" } ?? "") + " — \(md(first.phone))"
                if let hours = first.hours, let zone, !hours.isOpen(at: zone.reading(now), holidays: Set(policy.holidays)) {
                    line += " — closed now"
                    if let open = contacts.dropFirst().first(where: {
                        $0.hours?.isOpen(at: zone.reading(now), holidays: Set(policy.holidays)) ?? true
                    }) {
                        line += "; open now: \(md(open.name)) — \(md(open.phone))"
                    }
                }
                lines.append(block.joined(separator: "\n"))
                block = [line]
            }
            lines.append(block.joined(separator: "\n"))
        }
        return PatientViewCard(
            about: "plan", indicator: overdue ? .warning : .info,
            summary: overdue
                ? "Crisis and safety plan in place — review overdue since \(plan.dates.reviewBy)"
                : "Crisis and safety plan in place — agreed \(plan.dates.agreed), review by \(plan.dates.reviewBy)",
            detail: (lines + [
                "_These are the responses agreed with \(md(person.name)). When something is happening, open the plan and enter what you see: the answer adds what the law and local policy require, such as emergency services first._"
            ]).joined(separator: "\n\n") + source(plan.dates.agreedSource), source: plan.dates.agreedSource)
    }

    /// The person's text, shown as written.
    private static func md(_ text: String) -> String { MarkupEscaping.markdown(text) }

    private static func source(_ location: SourceLocation) -> String {
        "\n\n_From \(md(location.pathAndLine))_"
    }

    /// Cut to CDS Hooks' limit at a whole character, marked with an ellipsis.
    static func summary(_ text: String) -> String {
        guard text.count >= summaryLimit else { return text }
        return String(text.prefix(summaryLimit - 2)) + "…"
    }
}

extension String {
    /// "care team" → "Care team".
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
