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
        var text = TerminalText.visible(diagnostic.summary)
        guard let raw = sources[diagnostic.location.file]?.line(diagnostic.location.line) else {
            return text
        }
        let line = TerminalText.visible(raw)
        text += "\n" + line + "\n"
        // The caret under the column as shown: a control character shown as `\u{1B}` is wider.
        let scalars = Array(raw.unicodeScalars)
        var caret = ""
        for index in 0..<max(0, diagnostic.location.column - 1) {
            guard index < scalars.count else {
                caret += " "
                continue
            }
            let shown = TerminalText.visible(String(scalars[index]))
            caret += scalars[index] == "\t" ? "\t" : String(repeating: " ", count: shown.unicodeScalars.count)
        }
        text += caret + "^"
        return text
    }
}
