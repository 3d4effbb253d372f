/// A capacity, safeguarding, statutory or emergency override (`flags:` in policy).
///
/// A flag never deletes or reorders the person's own responses: it is shown beside them with
/// its legal basis, what it permits and what must be recorded (SPEC §1 principle 2).
public struct Flag: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case capacity
        case safeguarding
        case statutory
        case emergency
    }

    public var id: String
    public var kind: Kind
    public var title: String
    public var basis: String
    /// One line shown under the EMERGENCY header (SPEC v2 §6), e.g. "Call 999 for an
    /// ambulance now"; at most 72 characters.
    public var firstAction: String?
    public var when: Condition
    public var permits: String?
    public var guidance: [String]
    public var mustRecord: [String]
    public var effects: FlagEffects
    public var source: SourceLocation
}
