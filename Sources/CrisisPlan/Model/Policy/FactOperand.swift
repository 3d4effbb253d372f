/// A value written in policy for a fact (`is: suspected`, `default: true`), kept as text with
/// its position until the fact's type is known — facts may be declared in another file.
public struct FactOperand: Sendable, Hashable {
    public var text: String
    /// Plain (unquoted) scalars only may be booleans.
    public var isPlain: Bool
    public var source: SourceLocation
}
