/// Where something came from: a file (as the user typed its path) and a position in it.
///
/// Every response, contact, flag and warning carries one, so a person can check and challenge
/// it (SPEC §1 principle 8). Inputs that are not files use the names `<stdin>` and
/// `<command line>`.
public struct SourceLocation: Sendable, Hashable {
    public var file: String
    public var mark: Mark

    public init(file: String, mark: Mark) {
        self.file = file
        self.mark = mark
    }

    public init(file: String, line: Int, column: Int = 1) {
        self.init(file: file, mark: Mark(line: line, column: column))
    }

    public var line: Int { mark.line }
    public var column: Int { mark.column }

    /// The name used for values given as command-line options, which have no line.
    public static let commandLine = "<command line>"

    /// `path:line`, the form used in answers; just `<command line>` for command-line values.
    public var pathAndLine: String {
        // Written in one piece: answers carry one per line and warning, on every evaluation.
        file == Self.commandLine
            ? file
            : String(writing: { text in
                text.append(file)
                text.append(":")
                text.append(mark.line)
            })
    }

    /// `path:line:col`, the form used in diagnostics.
    public var pathLineColumn: String {
        file == Self.commandLine ? file : "\(file):\(mark.line):\(mark.column)"
    }
}
