/// One entry of the clinical safety hazard log (`Rules/hazards/*.yaml`): what could go wrong
/// for a person through this tool, how bad and how likely before and after its controls, and
/// the controls — engine mechanisms, policy flags and the scenarios that show they hold.
public struct Hazard: Sendable {
    /// Severity and likelihood, each 1-5, as a clinical risk matrix scores them.
    public struct Risk: Sendable, Equatable {
        public var severity: Int
        public var likelihood: Int
        public var score: Int { severity * likelihood }
    }

    /// What holds the hazard back, and what shows it does.
    public enum Control: Sendable, Equatable {
        /// A mechanism of the engine, named in words (it holds whatever the policy says).
        case engine(String)
        /// A flag of the policy, which must exist.
        case flag(String)
        /// A scenario file, which must exist and whose steps must pass.
        case scenario(String)
    }

    public var id: String
    public var title: String
    public var cause: String
    public var effect: String
    public var harm: String
    public var before: Risk
    public var controls: [(control: Control, source: SourceLocation)]
    public var after: Risk
    public var owner: String
    public var source: SourceLocation

    /// A hazard whose risk after its controls is 5 or more needs a passing scenario.
    public var needsScenario: Bool { after.score >= 5 }
}
