import CrisisPlan

/// The answer page's content, in the order of the text form (SPEC v2 §6): the EMERGENCY
/// header and each first action, the name and stage, the attention block, then the person's
/// own responses first, contacts, who never to contact, flags with basis and what to record.
/// The words are the engine's, as `respond` prints them.
struct AnswerPage: Sendable {
    struct Contact: Sendable {
        var id: String
        var name: String
        var relation: String?
        var phone: String
        /// For a `tel:` link: the digits (and a leading +) only; nil when the phone field is not
        /// one telephone number ("ask reception", two numbers), which is then shown as text.
        var tel: String?
        var statutory: Bool
        /// `closed now — opens Tue 09:00`, as the text form says it: a closed team is never
        /// shown as if it would answer.
        var closed: String?
        /// What a flag says about calling them (what may be shared), as the text form.
        var notes: [String]
    }
    struct Named: Sendable {
        var name: String
        var reason: String?
    }
    struct Withheld: Sendable {
        var name: String
        var because: String
    }
    struct Flag: Sendable {
        var id: String
        var kind: String
        var title: String
        var basis: String
        var because: String
        var decisions: String?
        var permits: String?
        var guidance: [String]
        var hasGuidance: Bool
        var record: String?
    }
    struct View: Sendable {
        var about: String
        var name: String
        var person: String
        var careTeam: String
    }
    struct Response: Sendable {
        var action: String
        var by: String
        /// `(names Lee Walker — withheld, see below)`, as in the text form.
        var note: String?
    }
    /// An item of the attention block, linking to its section or to the form's question.
    struct Attention: Sendable {
        /// What to do or check, linked.
        var text: String
        /// Why, after it: folded away on a phone, where the first screen is short.
        var why: String?
        var href: String
        /// A possible emergency: 999 one tap away beside it, as the line says to call it.
        var call999 = false
    }
    /// The EMERGENCY banner's first action, a `tel:` link to the first contact an emergency
    /// flag added (999) when it is one number.
    struct FirstAction: Sendable {
        var text: String
        var tel: String?
    }

    var person: String
    var name: String
    var heading: String
    /// The stage as the header and the title say it.
    var stageText: String
    var stage: StageAnswer
    var at: String
    var because: String
    var hasEmergency: Bool
    var emergencyTitles: String
    var firstActions: [FirstAction]
    var attention: [Attention]
    var hasAttention: Bool
    var responses: [Response]
    var hasResponses: Bool
    var helps: [String]
    var hasHelps: Bool
    var avoid: [String]
    var hasAvoid: Bool
    var takeCareOf: [String]
    var hasTakeCareOf: Bool
    /// Helps, avoid or take care of: after who to call and who not to, as in the text form.
    var hasWhenUnwell: Bool
    var contacts: [Contact]
    var hasContacts: Bool
    var noContacts: String
    var doNotContact: [Named]
    var hasDoNotContact: Bool
    var withheld: [Withheld]
    var hasWithheld: Bool
    var conflicts: [String]
    var hasConflicts: Bool
    var flags: [Flag]
    var advance: [String]
    var hasAdvance: Bool
    var views: [View]
    var hasViews: Bool
    var warnings: [String]
    var hasWarnings: Bool

    init(_ answer: Answer) {
        person = answer.person
        name = answer.name
        // As the text form's header: never a bare stage while something typed was not understood.
        stageText = answer.stage.heading
        heading = answer.name + (answer.pronouns.map { " (\($0))" } ?? "") + " — " + stageText
        stage = answer.stage
        at = answer.at.description
        because = answer.stage.because.joined(separator: "; ")
        let emergencies = answer.emergencies
        hasEmergency = !emergencies.isEmpty
        emergencyTitles = emergencies.map(\.title).joined(separator: "; ")
        // Contacts an emergency flag adds come first in the answer, before the person's route.
        let emergencyNumber = emergencies.isEmpty ? nil : answer.contacts.first(where: \.statutory).flatMap { Self.dialable($0.phone) }
        firstActions = emergencies.compactMap(\.firstAction).enumerated().map {
            FirstAction(text: $0.element, tel: $0.offset == 0 ? emergencyNumber : nil)
        }
        attention = AttentionBlock.entries(answer).map { item in
            // A question to ask now is its question first; why to ask it follows.
            if case .fact = item.target, item.text.hasPrefix("Ask now: "), let dash = item.text.range(of: " — ") {
                return Attention(
                    text: String(item.text[..<dash.lowerBound]), why: String(item.text[dash.upperBound...]),
                    href: Self.anchor(item.target))
            }
            return Attention(
                text: item.text, why: nil, href: Self.anchor(item.target), call999: item.text.hasPrefix("Possible emergency: "))
        }
        hasAttention = !attention.isEmpty
        responses = answer.ownResponses.map {
            Response(action: $0.action, by: AnswerText.actor($0.by), note: AnswerText.namesNote($0))
        }
        hasResponses = !responses.isEmpty
        helps = answer.helps
        hasHelps = !helps.isEmpty
        avoid = answer.avoid
        hasAvoid = !avoid.isEmpty
        takeCareOf = answer.takeCareOf
        hasTakeCareOf = !takeCareOf.isEmpty
        hasWhenUnwell = hasHelps || hasAvoid || hasTakeCareOf
        contacts = answer.contacts.map {
            Contact(
                id: $0.id, name: $0.name, relation: $0.relation, phone: $0.phone,
                tel: Self.dialable($0.phone), statutory: $0.statutory,
                closed: $0.openNow == false ? "closed now" + ($0.opensText.map { " — opens \($0)" } ?? "") : nil,
                notes: $0.notes)
        }
        hasContacts = !contacts.isEmpty
        noContacts = answer.stage.label.isEmpty ? "No one to contact." : "The plan has no one to contact at \(answer.stage.label)."
        doNotContact = answer.doNotContact.map { Named(name: $0.name, reason: $0.reason.isEmpty ? nil : $0.reason) }
        hasDoNotContact = !doNotContact.isEmpty
        withheld = answer.withheld.map { Withheld(name: $0.name, because: $0.because) }
        hasWithheld = !withheld.isEmpty
        conflicts = answer.conflicts.map(\.message)
        hasConflicts = !conflicts.isEmpty
        flags = answer.flags.map { flag in
            Flag(
                id: flag.id, kind: flag.kind.rawValue, title: flag.title, basis: flag.basis,
                because: flag.because.joined(separator: "; "),
                decisions: flag.decisions.isEmpty ? nil : flag.decisions.joined(separator: ", "),
                permits: flag.permits.isEmpty ? nil : flag.permits, guidance: flag.guidance,
                hasGuidance: !flag.guidance.isEmpty,
                record: flag.mustRecord.isEmpty ? nil : flag.mustRecord.joined(separator: "; "))
        }
        var advance = answer.statements.map { "Wish: \($0)" }
        advance += answer.refusals.map { String(AnswerText.refusalText($0).dropFirst(2)) }
        // Every attorney, as the text form lists them (`attorney` is one of them).
        for attorney in answer.attorneys {
            advance.append(
                "Attorney: \(attorney.name) – " + (attorney.canAct ? "can act" : "cannot act") + " (\(attorney.because))")
            if attorney.decisions.count > 1 || attorney.decisions.contains(where: { $0.because != attorney.because }) {
                advance += attorney.decisions.map {
                    "\($0.decision): " + ($0.canAct ? "can act" : "cannot act") + " – \($0.because)"
                }
            }
        }
        self.advance = advance
        hasAdvance = !advance.isEmpty
        views = answer.views.map { View(about: $0.about, name: answer.name, person: $0.person, careTeam: $0.careTeam) }
        hasViews = !views.isEmpty
        warnings = answer.warnings.map { "\($0.code.rawValue): \($0.message) [\($0.source)]" }
        hasWarnings = !warnings.isEmpty
    }
}

extension AnswerPage {
    /// Where an attention item points on the page.
    static func anchor(_ target: AttentionBlock.Item.Target) -> String {
        switch target {
        case .fact(let id): "#fact-\(id)"
        case .keepAway: "#withheld"
        case .contacts: "#contacts"
        case .warnings: "#warnings"
        case .flags: "#flags"
        }
    }

    /// The number to dial, when the field is one telephone number.
    static func dialable(_ phone: String) -> String? { PhoneNumber.dialable(phone) }
}
