import CrisisPlan

/// "What did you do?" at the end of an answer page: followed the plan, or did something else
/// and why. The answer it is about — its request id, stage and flags — travels in the form
/// signed with the server's key, so the record says which answer it follows up and a browser
/// cannot change what the answer was.
struct FeedbackForm: Sendable {
    struct Reason: Sendable {
        var id: String
        var label: String
    }

    var person: String
    var answer: String
    var stage: String
    var flags: String
    var signature: String
    var reasons: [Reason]
    /// Stored, not computed: templates read stored properties only.
    var hasReasons: Bool

    init(person: String, answer: String, stage: String, flags: [String], policy: Policy, tokens: TokenService) {
        self.person = person
        self.answer = answer
        self.stage = stage
        self.flags = flags.joined(separator: ",")
        signature = tokens.signature(Self.signed(person: person, answer: answer, stage: stage, flags: self.flags))
        reasons = policy.overrideReasons.map { Reason(id: $0.id, label: $0.label) }
        hasReasons = !reasons.isEmpty
    }

    static func signed(person: String, answer: String, stage: String, flags: String) -> String {
        ["feedback", person, answer, stage, flags].joined(separator: "\u{1F}")
    }
}
