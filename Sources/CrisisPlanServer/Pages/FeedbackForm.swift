import CrisisPlan

/// "What did you do?" at the end of an answer page: followed the plan, or did something else
/// and why. The answer it is about — its request id, stage and flags — travels in the form
/// signed with the server's key, so the record says which answer it follows up and a browser
/// cannot change what the answer was.
struct FeedbackForm: Sendable {
    struct Reason: Sendable {
        var id: String
        var label: String
        var selected = false
    }

    var person: String
    var answer: String
    var stage: String
    var flags: String
    var signature: String
    var reasons: [Reason]
    /// Stored, not computed: templates read stored properties only.
    var hasReasons: Bool
    /// What was chosen before the session ran out, put back (`restored`).
    var followed = false
    var other = false
    var comment: String?

    init(person: String, answer: String, stage: String, flags: [String], policy: Policy, tokens: TokenService) {
        self.person = person
        self.answer = answer
        self.stage = stage
        self.flags = flags.joined(separator: ",")
        signature = tokens.signature(Self.signed(person: person, answer: answer, stage: stage, flags: self.flags))
        reasons = policy.overrideReasons.map { Reason(id: $0.id, label: $0.label) }
        hasReasons = !reasons.isEmpty
    }

    /// The form posted after the session ran out, put back with what was chosen; nil when
    /// its answer fields do not carry this server's signature for this person.
    static func restored(_ form: PageForm, person: String, policy: Policy, tokens: TokenService) -> FeedbackForm? {
        let (answer, stage, flags) = (form.value("answer") ?? "", form.value("stage") ?? "", form.value("flags") ?? "")
        guard let signature = form.value("signature"),
            ConstantTime.equal(
                tokens.signature(signed(person: person, answer: answer, stage: stage, flags: flags)), signature)
        else { return nil }
        var restored = FeedbackForm(
            person: person, answer: answer, stage: stage, flags: flags.split(separator: ",").map(String.init), policy: policy,
            tokens: tokens)
        restored.followed = form.value("outcome") == "followed"
        restored.other = form.value("outcome") == "other"
        for index in restored.reasons.indices where restored.reasons[index].id == form.value("reason") {
            restored.reasons[index].selected = true
        }
        restored.comment = form.value("comment")
        return restored
    }

    static func signed(person: String, answer: String, stage: String, flags: String) -> String {
        ["feedback", person, answer, stage, flags].joined(separator: "\u{1F}")
    }
}
