/// Prints diagnostics the way compilers do: the summary line, the source line, a caret.
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: SourceFile]

    public init(sources: [SourceFile]) {
        var byPath: [String: SourceFile] = [:]
        for source in sources { byPath[source.path] = source }
        self.sources = byPath
    }

    /// The diagnostic's summary, then (when the file and line are known) the line and a caret
    /// under the column. Tabs in the quoted line are kept so the caret lines up.
    public func render(_ diagnostic: Diagnostic) -> String {
        var text = diagnostic.summary
        guard let line = sources[diagnostic.location.file]?.line(diagnostic.location.line) else {
            return text
        }
        text += "\n" + line + "\n"
        let scalars = Array(line.unicodeScalars)
        var caret = ""
        for index in 0..<max(0, diagnostic.location.column - 1) {
            caret += index < scalars.count && scalars[index] == "\t" ? "\t" : " "
        }
        text += caret + "^"
        return text
    }
}
