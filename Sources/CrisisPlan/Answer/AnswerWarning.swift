/// A warning in an answer: something a person should know, never silently dropped.
public struct AnswerWarning: Sendable, Hashable {
    public enum Code: String, Sendable, CaseIterable {
        case unknownSign = "unknown-sign"
        case planReviewOverdue = "plan-review-overdue"
        case capacityAssessmentStale = "capacity-assessment-stale"
        case unknownContact = "unknown-contact"
        case advanceRefusalNotValid = "advance-refusal-not-valid"
        case noRouteForStage = "no-route-for-stage"
        case noResponsesForStage = "no-responses-for-stage"
        case roleNotRecorded = "role-not-recorded"
        case futureObservation = "future-observation"
        case ageUnknown = "age-unknown"
        case planHasUncheckedEdits = "plan-has-unchecked-edits"
        case possibleEmergency = "possible-emergency"
        case sourceOfHarmStillWithheld = "source-of-harm-still-withheld"
        case sourceOfHarmReinstated = "source-of-harm-reinstated"
        case contactClosedNow = "contact-closed-now"
        case contactHoursInvalid = "contact-hours-invalid"
        case inconsistentFacts = "inconsistent-facts"
        case attorneyTypeMissing = "attorney-type-missing"
        case contactFactLookAlike = "contact-fact-look-alike"
    }

    public var code: Code
    public var message: String
    public var source: String
    /// Sign ids for `unknown-sign`, closest first; empty for every other code (SPEC v2 §6).
    public var suggestions: [String] = []
    /// For `unknown-sign`: the text as observed, and each suggestion in the person's words,
    /// for the attention block (not part of the JSON).
    public var observed: String?
    public var suggestedSigns = SuggestedSigns()
    /// For `possible-emergency`: whether the attention block still shows it (until its
    /// question is answered after the text was typed).
    public var inAttention = true

    /// `contact-hours-invalid` for a contact whose hours could not be read, else `nil`.
    static func hoursUnreadable(_ contact: Contact) -> AnswerWarning? {
        guard let problem = contact.hoursProblem else { return nil }
        return AnswerWarning(
            code: .contactHoursInvalid,
            message: "\(contact.name)'s hours could not be read, so whether they are open now is not known: \(problem)",
            source: (contact.hoursSource ?? contact.source).pathAndLine)
    }

    public init(
        code: Code, message: String, source: String, suggestions: [String] = [], observed: String? = nil,
        suggestedSigns: SuggestedSigns = SuggestedSigns()
    ) {
        self.code = code
        self.message = message
        self.source = source
        self.suggestions = suggestions
        self.observed = observed
        self.suggestedSigns = suggestedSigns
    }
}

/// A sign offered for an unrecognised observation, as the attention block shows it.
public struct SuggestedSign: Sendable, Hashable {
    public var id: String
    public var says: String
    public var stageLabel: String
}
