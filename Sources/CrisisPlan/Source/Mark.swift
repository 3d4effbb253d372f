/// A position in a source file: 1-based line and column.
///
/// Columns count Unicode scalars, not bytes, so a caret printed under the line lands on the
/// character a person sees. Converted once from libyaml's 0-based marks in `YAMLParser`.
public struct Mark: Sendable, Hashable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
