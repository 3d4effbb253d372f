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
}
