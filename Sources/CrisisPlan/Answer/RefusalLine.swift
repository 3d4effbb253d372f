/// An advance refusal of treatment: whether it binds, and whether Part 4 may override it.
public struct RefusalLine: Sendable {
    public var treatment: String
    public var binding: Bool
    public var notBindingBecause: [String]
    /// Whether it applies now (MCA s25(3)-(4)): `true` when a current assessment says the
    /// person lacks capacity for a decision about this treatment, `false` when one says they
    /// have it (they decide for themselves), `nil` when no current assessment says either.
    public var appliesNow: Bool?
    public var mayBeOverriddenBy: String?
    public var source: String
    /// A refusal of ECT: never overridden under Part 4 while binding (MHA s58A(5)(c)(i)).
    public var ect = false
}
