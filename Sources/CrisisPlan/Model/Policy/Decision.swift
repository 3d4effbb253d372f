/// A decision a capacity assessment may name (`decisions:` in policy, SPEC v2 §3).
///
/// Capacity is decision-specific (MCA 2005 s2(1)), so an assessment must say which decision it
/// is about; declaring the decisions turns a misspelt one into an error rather than an
/// assessment that silently counts for nothing. The booleans say what an attorney can never
/// decide (§6).
public struct Decision: Sendable {
    /// Which kind of lasting power of attorney can reach the decision (MCA s9(1)).
    public enum Domain: String, Sendable, CaseIterable {
        case welfare
        case property
    }

    public var id: String
    public var label: String?
    /// Links the decision to refusals of this treatment (compared after normalisation).
    public var treatment: String?
    /// An attorney can never authorise a deprivation of liberty (MCA s4A).
    public var deprivationOfLiberty: Bool
    /// Treatment for the mental disorder: no attorney consent while MHA Part 4 applies (MCA s28).
    public var forMentalDisorder: Bool
    /// An attorney decides only if the LPA expressly covers it (MCA s11(8)).
    public var lifeSustaining: Bool
    public var domain: Domain = .welfare
    /// Electroconvulsive therapy: a binding refusal is never overridden under Part 4 (MHA
    /// s58A(5)(c)(i)), and an attorney's refusal binds (s58A(5)(c)(ii)).
    public var ect = false
    /// Other names for the decision, matched (normalised) against refusals, assessments and
    /// `--capacity`.
    public var also: [String] = []
    public var source: SourceLocation

    public init(
        id: String, label: String? = nil, treatment: String? = nil, deprivationOfLiberty: Bool = false,
        forMentalDisorder: Bool = false, lifeSustaining: Bool = false, domain: Domain = .welfare, ect: Bool = false,
        also: [String] = [], source: SourceLocation
    ) {
        self.id = id
        self.label = label
        self.treatment = treatment
        self.deprivationOfLiberty = deprivationOfLiberty
        self.forMentalDisorder = forMentalDisorder
        self.lifeSustaining = lifeSustaining
        self.domain = domain
        self.ect = ect
        self.also = also
        self.source = source
    }
}
