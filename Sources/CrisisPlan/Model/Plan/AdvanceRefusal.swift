/// An advance decision to refuse treatment (MCA 2005 ss24-26).
public struct AdvanceRefusal: Sendable {
    public var treatment: String
    public var made: CalendarDate?
    public var signed: Bool
    public var witnessed: Bool
    public var lifeSustaining: Bool
    public var evenIfLifeAtRisk: Bool
    /// A treatment for the mental disorder, to which MHA Part 4 may apply.
    public var forMentalDisorder: Bool
    /// Electro-convulsive therapy, which MHA Part 4 cannot impose over a valid refusal (s58A(5)).
    public var ect: Bool
    public var withdrawn: Bool
    public var source: SourceLocation

    /// A treatment named as ECT ("ECT", "electroconvulsive therapy") is read as ECT even
    /// where neither the refusal nor a declared decision says so: a binding refusal of ECT is
    /// never one Part 4 may override, and that must not depend on how the plan was written.
    public static func looksLikeECT(_ treatment: String) -> Bool {
        let key = TextNormalizer.normalize(treatment)
        return key.contains("electroconvulsive") || key.split(separator: " ").contains("ect")
    }
}
