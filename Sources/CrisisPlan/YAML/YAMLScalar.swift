/// A scalar as written: its text and whether it was plain (unquoted).
///
/// The plain/quoted distinction matters for booleans: only plain `true` and `false` are
/// booleans; `"true"` in quotes is text.
public struct YAMLScalar: Sendable {
    public var text: String
    public var isPlain: Bool

    public init(text: String, isPlain: Bool) {
        self.text = text
        self.isPlain = isPlain
    }
}
