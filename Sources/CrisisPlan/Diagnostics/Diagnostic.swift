/// One problem found in the input, with where it is.
///
/// Printed as `path:line:col: error: message` followed by the source line and a caret
/// (`DiagnosticRenderer`). Errors make `check` exit 1 and stop `respond`; warnings are advice.
public struct Diagnostic: Error, Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable {
        case error
        case warning
    }

    public var severity: Severity
    public var message: String
    public var location: SourceLocation
    /// False for an error `check` reports for CI but that never stops an answer (bad contact
    /// hours, two plan entries with one name): a crisis worker still gets the plan.
    public var blocksAnswers = true
    /// Set for an error that a condition names a stage, fact, value or decision the policy does
    /// not declare: no state satisfies that part, which `analyze` reports as a condition that
    /// never holds rather than refusing to read the policy.
    public var conditionNamesNothing = false

    public init(_ severity: Severity, _ message: String, at location: SourceLocation) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// An error that stops `respond`, `show` and the service from using the file.
    public var blocksAnswer: Bool { severity == .error && blocksAnswers }

    /// The one-line form, `path:line:col: severity: message`.
    public var summary: String {
        "\(location.pathLineColumn): \(severity.rawValue): \(message)"
    }
}
