/// The answer for one person now (SPEC §6): their own agreed responses first, then who to
/// contact, then any override beside them — never instead of them.
public struct Answer: Sendable {
    public var person: String
    public var name: String
    public var pronouns: String?
    public var at: Timestamp
    public var stage: StageAnswer
    public var ownResponses: [ResponseLine]
    public var helps: [String]
    public var avoid: [String]
    public var takeCareOf: [String]
    public var contacts: [ContactLine]
    public var doNotContact: [DoNotContactLine]
    public var withheld: [WithheldLine]
    public var conflicts: [ConflictLine]
    public var flags: [FlagLine]
    public var statements: [String]
    public var refusals: [RefusalLine]
    public var attorney: AttorneyLine?
    public var views: [DifferingView]
    public var warnings: [AnswerWarning]
    /// How the answer came about, for coverage reports (not part of SPEC §6's JSON): the
    /// escalation rules that raised the stage and the signs active now, by id.
    public var trace = AnswerTrace()

    /// The first fired flag of kind emergency, which the header line names.
    public var emergency: FlagLine? {
        flags.first { $0.kind == .emergency }
    }
}

public struct AnswerTrace: Sendable {
    public var escalatedBy: [String] = []
    public var activeSigns: [String] = []
}

public struct StageAnswer: Sendable {
    public var id: String
    public var label: String
    public var because: [String]
}

public struct ResponseLine: Sendable {
    public var by: Response.Actor
    public var action: String
    public var source: String
}

public struct ContactLine: Sendable {
    public var id: String
    public var name: String
    public var relation: String?
    public var phone: String
    /// Added by a flag rather than by the person's own route.
    public var statutory: Bool
    public var source: String
}

public struct DoNotContactLine: Sendable {
    public var id: String?
    public var name: String
    public var reason: String
    public var source: String
}

public struct WithheldLine: Sendable {
    public var id: String
    public var name: String
    public var because: String
    public var flag: String
}

public struct ConflictLine: Sendable {
    public var role: String
    public var name: String
    public var flag: String
    public var message: String
}

public struct FlagLine: Sendable {
    public var id: String
    public var kind: Flag.Kind
    public var title: String
    public var basis: String
    public var because: [String]
    public var permits: String
    public var guidance: [String]
    public var mustRecord: [String]
    /// The decisions a capacity condition held for; the flag applies to those only.
    public var decisions: [String]
    public var source: String
}

public struct RefusalLine: Sendable {
    public var treatment: String
    public var binding: Bool
    public var notBindingBecause: [String]
    public var mayBeOverriddenBy: String?
    public var source: String
}

public struct AttorneyLine: Sendable {
    public var id: String
    public var name: String
    public var registered: Bool
    public var canAct: Bool
    public var because: String
}

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

extension ContactLine {
    init(_ contact: Contact, statutory: Bool) {
        self.init(
            id: contact.id, name: contact.name, relation: contact.relation, phone: contact.phone, statutory: statutory,
            source: contact.source.pathAndLine)
    }
}
