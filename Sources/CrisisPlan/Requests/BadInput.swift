/// Input the command cannot use: an unknown person, a malformed observations file, a rules
/// library with errors. The message names the problem and what is allowed; exit code 2.
public struct BadInput: Error, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    /// Diagnostics rendered with their source lines and carets.
    public init(_ diagnostics: [Diagnostic], sources: [SourceFile]) {
        let renderer = DiagnosticRenderer(sources: sources)
        message = renderer.renderAll(diagnostics).joined(separator: "\n")
    }
}
