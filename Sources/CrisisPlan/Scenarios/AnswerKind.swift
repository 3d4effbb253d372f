/// What a training question is about.
public enum AnswerKind: String, Sendable, CaseIterable {
    case firstResponse = "first_response"
    case firstContact = "first_contact"
    case contacts
    case doNotContact = "do_not_contact"
    case flags
    case stage
}
