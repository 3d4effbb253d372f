/// The health-and-welfare attorney, and whether they can act now.
public struct AttorneyLine: Sendable {
    public var id: String
    public var name: String
    public var registered: Bool
    /// True only when there is at least one decision and the attorney can act for each.
    public var canAct: Bool
    public var because: String
    /// One entry per decision with a current `lacks` assessment (SPEC v2 §6).
    public var decisions: [AttorneyDecision] = []
}

/// Whether the attorney can act for one decision the person now lacks capacity for, and why.
public struct AttorneyDecision: Sendable {
    public var decision: String
    public var canAct: Bool
    public var because: String
    /// True for an ECT decision when the LPA could refuse it on the person's behalf: an
    /// attorney's refusal of ECT binds even under Part 4 (MHA s58A(5)(c)(ii)).
    public var canRefuse = false
}
