/// What `crisisplan diff` compares of an answer: what a worker would do differently — the
/// stage, who to call, in what order and on what number, who is kept away, the flags, the questions to ask,
/// whether an attorney can act, whether refusals bind or may be overridden, the warnings.
public struct AnswerSummary: Sendable, Equatable {
    public var stage = ""
    public var fromRecognisedSignsOnly = false
    public var contacts: [String] = []
    /// Each contact's number, by id: a mistyped number is as much a change as a missing contact.
    public var phones: [String: String] = [:]
    public var withheld: [String] = []
    public var flags: [String] = []
    public var prompts: [String] = []
    public var attorneys: [String] = []
    public var refusals: [String] = []
    public var warnings: [String] = []
    /// Set when the case could not be evaluated at all (bad input under this library).
    public var error: String?

    public init(_ answer: Answer) {
        stage = answer.stage.id
        fromRecognisedSignsOnly = answer.stage.fromRecognisedSignsOnly
        contacts = answer.contacts.map(\.id)
        for contact in answer.contacts where phones[contact.id] == nil { phones[contact.id] = contact.phone }
        withheld = answer.withheld.map(\.name)
        flags = answer.flags.map(\.id)
        prompts = answer.prompts.map(\.id)
        attorneys = answer.attorneys.flatMap { attorney in
            ["\(attorney.id) can act: \(attorney.canAct)"]
                + attorney.decisions.map { "\(attorney.id) for \($0.decision): \($0.canAct ? "can act" : "cannot act")" }
        }
        refusals = answer.refusals.map {
            "\($0.treatment): " + ($0.binding ? "binding" : "not binding") + ($0.mayBeOverriddenBy.map { ", may be overridden by \($0)" } ?? "")
        }
        warnings = answer.warnings.map(\.code.rawValue)
    }

    public init(error: String) {
        self.error = error
    }

    /// Each thing that differs, as `what: before → after`.
    public func changes(to after: AnswerSummary) -> [String] {
        func list(_ items: [String]) -> String { items.isEmpty ? "none" : items.joined(separator: ", ") }
        if error != nil || after.error != nil {
            return error == after.error ? [] : ["evaluation: \(error ?? "answered") → \(after.error ?? "answered")"]
        }
        var changes: [String] = []
        if stage != after.stage { changes.append("stage: \(stage) → \(after.stage)") }
        if fromRecognisedSignsOnly != after.fromRecognisedSignsOnly {
            changes.append("from recognised signs only: \(fromRecognisedSignsOnly) → \(after.fromRecognisedSignsOnly)")
        }
        for (name, old, new) in [
            ("contacts", contacts, after.contacts), ("withheld", withheld, after.withheld), ("flags", flags, after.flags),
            ("prompts", prompts, after.prompts), ("attorneys", attorneys, after.attorneys),
            ("refusals", refusals, after.refusals), ("warnings", warnings, after.warnings),
        ] where old != new {
            changes.append("\(name): \(list(old)) → \(list(new))")
        }
        let renumbered = contacts.filter { after.phones[$0] != nil && after.phones[$0] != phones[$0] }
        if !renumbered.isEmpty {
            changes.append(
                "phone numbers: "
                    + renumbered.map { "\($0) \(phones[$0] ?? "") → \(after.phones[$0] ?? "")" }.joined(separator: ", "))
        }
        return changes
    }
}
