/// An advance refusal of treatment: whether it binds, and whether Part 4 may override it.
public struct RefusalLine: Sendable {
    public var treatment: String
    public var binding: Bool
    public var notBindingBecause: [String]
    public var mayBeOverriddenBy: String?
    public var source: String
}
