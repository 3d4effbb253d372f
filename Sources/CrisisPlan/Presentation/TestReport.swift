/// What `crisisplan test` prints: each failure with scenario, step, where the expectation is
/// written, and expected against actual; then `N passed, N failed` as the last line.
public enum TestReport {
    /// `unreadable`: files that could not be read, each counted as one failure.
    public static func render(_ runner: ScenarioRunner, unreadable: [String] = []) -> String {
        var out: [String] = []
        for file in unreadable {
            out.append("FAIL \(file) — could not be read (the errors are on standard error)")
            out.append("")
        }
        for result in runner.results where !result.passed {
            out.append("FAIL \(result.scenario) — step \(result.step) (\(result.source.pathAndLine))")
            // Each diagnostic on its own line, as `check` writes it: `file:line:col: error: message`.
            if let error = result.error {
                out.append("  could not evaluate:")
                for line in error.split(separator: "\n") { out.append("    \(line)") }
            }
            for failure in result.failures {
                out.append("  \(failure.source.pathAndLine): \(failure.key)")
                out.append("    - expected: \(failure.expected)")
                out.append("    + actual:   \(failure.actual)")
            }
            out.append("")
        }
        out.append("\(runner.passedCount) passed, \(runner.failedCount + unreadable.count) failed")
        return out.joined(separator: "\n") + "\n"
    }
}
