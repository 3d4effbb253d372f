/// Input the command cannot use: an unknown person, a malformed observations file, a rules
/// library with errors. The message names the problem and what is allowed; exit code 2.
///
/// The service sends the same message, with the first problem's location and any suggested
/// ids beside it, so that a program need not parse the text.
public struct BadInput: Error, Sendable {
    public var message: String
    /// `file:line:col` of the first problem, when it has one.
    public var source: String?
    /// Ids the input may have meant (an unknown person's closest plans).
    public var suggestions: [String] = []

    public init(_ message: String, suggestions: [String] = []) {
        self.message = message
        self.suggestions = suggestions
    }

    /// Diagnostics rendered with their source lines and carets.
    public init(_ diagnostics: [Diagnostic], sources: [SourceFile]) {
        let renderer = DiagnosticRenderer(sources: sources)
        message = renderer.renderAll(diagnostics).joined(separator: "\n")
        source = diagnostics.first?.location.pathLineColumn
    }
}
