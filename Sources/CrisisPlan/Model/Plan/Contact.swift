/// Someone to contact: a supporter, a service, or a contact a policy flag adds.
public struct Contact: Sendable {
    public var id: String
    public var name: String
    public var relation: String?
    public var phone: String
    /// Legal roles the person holds, e.g. `nearest_relative` (MHA s26).
    public var roles: [String]
    public var professional: Bool
    public var source: SourceLocation
    /// When they answer; `nil` when the plan does not say (not known to be open).
    public var hours: ContactHours? = nil
    /// The problem with `hours` as written: a `check` error, and `open_now: null` in answers.
    public var hoursProblem: String? = nil
    public var hoursSource: SourceLocation? = nil
}
