/// A lasting power of attorney for health and welfare (MCA 2005 ss9-14).
public struct Attorney: Sendable {
    /// A contact id.
    public var contact: String
    public var contactSource: SourceLocation
    public var registered: Bool
    public var made: CalendarDate?
    /// Treatments it covers; `["all"]` by default.
    public var covers: [String]
    /// Whether it expressly covers life-sustaining treatment (MCA s11(8)).
    public var lifeSustaining: Bool
    public var source: SourceLocation

    /// Whether the attorney's authority reaches a treatment (names compared case-insensitively).
    public func covers(treatment: String) -> Bool {
        let wanted = TextNormalizer.normalize(treatment)
        return covers.contains { $0 == "all" || TextNormalizer.normalize($0) == wanted }
    }
}
