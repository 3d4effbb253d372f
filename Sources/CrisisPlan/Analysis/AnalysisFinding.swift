/// One finding of `crisisplan analyze`: where, how serious, what is wrong and what to change,
/// and its code (`flag-never-fires`). A finding accepted by a comment on the line above the
/// item, or above the line it points at (`# analyze: accept CODE — reason`), is shown as
/// information, with the reason.
public struct AnalysisFinding: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable {
        case error, warning, info

        public static func < (left: Severity, right: Severity) -> Bool {
            let order: [Severity] = [.error, .warning, .info]
            return order.firstIndex(of: left)! < order.firstIndex(of: right)!
        }
    }

    public var severity: Severity
    public var code: String
    public var message: String
    public var location: SourceLocation
    /// The start of the flag, rule or prompt the finding is about (its `- id:` line), when the
    /// finding points inside it: a comment above the item accepts it too.
    public var item: SourceLocation?
    /// The reason given where the finding was accepted.
    public var accepted: String?

    /// `path:line:col: warning: message [code]`, as `check` writes a diagnostic; an accepted
    /// one `path:line:col: info [accepted]: message — reason [code]` (the code last on every
    /// line, where a tool reading the format looks for it).
    public var line: String {
        "\(location.pathLineColumn): \(severity.rawValue)\(accepted == nil ? "" : " [accepted]"): \(message)"
            + (accepted.map { " — \($0)" } ?? "") + " [\(code)]"
    }
}
