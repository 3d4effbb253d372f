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
    }

    public var code: Code
    public var message: String
    public var source: String
}
