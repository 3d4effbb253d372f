/// Prints diagnostics the way compilers do: the summary line, the source line, a caret.
public struct DiagnosticRenderer: Sendable {
    private let sources: [String: SourceFile]

    public init(sources: [SourceFile]) {
        var byPath: [String: SourceFile] = [:]
        for source in sources { byPath[source.path] = source }
        self.sources = byPath
    }

    /// The most of a line quoted: a window around the column, so that an error in a
    /// one-line, megabyte file prints a line a person can read, not the megabyte.
    static let window = 100

    /// The diagnostic's summary, then (when the file and line are known) the line — or a
    /// window of it around the column — and a caret under the column. Tabs in the quoted line
    /// are kept so the caret lines up; control characters are shown visibly.
    public func render(_ diagnostic: Diagnostic) -> String {
        var text = TerminalText.visible(diagnostic.summary)
        guard let source = sources[diagnostic.location.file], !source.bytes.isEmpty,
            let raw = source.line(diagnostic.location.line)
        else {
            return text
        }
        var scalars = Array(raw.unicodeScalars)
        var column = max(1, diagnostic.location.column)
        var lead = ""
        var tail = ""
        if scalars.count > Self.window {
            let start =
                column <= Self.window * 3 / 4 ? 0 : max(0, min(column - 1 - Self.window / 2, scalars.count - Self.window))
            let end = min(scalars.count, start + Self.window)
            lead = start > 0 ? "…" : ""
            tail = end < scalars.count ? "…" : ""
            scalars = Array(scalars[start..<end])
            column = column - start + (lead.isEmpty ? 0 : 1)
        }
        var shownLine = lead
        var caret = lead.isEmpty ? "" : " "
        let caretScalars = lead.isEmpty ? column - 1 : column - 2
        for (index, scalar) in scalars.enumerated() {
            let shown = TerminalText.visible(String(scalar))
            shownLine += shown
            if index < caretScalars {
                caret += scalar == "\t" ? "\t" : String(repeating: " ", count: shown.unicodeScalars.count)
            }
        }
        if caretScalars > scalars.count { caret += String(repeating: " ", count: caretScalars - scalars.count) }
        text += "\n" + shownLine + tail + "\n" + caret + "^"
        return text
    }

    /// At most this many diagnostics are printed per file; the rest are counted.
    public static let perFile = 50

    /// Every diagnostic rendered, in the order given, but at most `perFile` for each file:
    /// after them one line says how many more that file has, so ten thousand problems in one
    /// file print fifty, not ten thousand quoted lines.
    public func renderAll(_ diagnostics: [Diagnostic]) -> [String] {
        var shown: [String: Int] = [:]
        var hidden: [String: Int] = [:]
        var order: [String] = []
        var lines: [String] = []
        for diagnostic in diagnostics {
            let file = diagnostic.location.file
            if shown[file] == nil { order.append(file) }
            let count = shown[file, default: 0]
            if count < Self.perFile {
                shown[file] = count + 1
                lines.append(render(diagnostic))
            } else {
                hidden[file, default: 0] += 1
            }
        }
        for file in order {
            if let more = hidden[file] {
                lines.append(TerminalText.visible(file) + ": and \(more) more errors and warnings in this file, not shown")
            }
        }
        return lines
    }
}
