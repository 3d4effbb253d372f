/// A fired override: its legal basis, why it fired, what it permits and what must be recorded.
public struct FlagLine: Sendable {
    public var id: String
    public var kind: Flag.Kind
    public var title: String
    public var basis: String
    public var firstAction: String?
    public var because: [String]
    public var permits: String
    public var guidance: [String]
    public var mustRecord: [String]
    /// The decisions a capacity condition held for; the flag applies to those only.
    public var decisions: [String]
    public var source: String
}
