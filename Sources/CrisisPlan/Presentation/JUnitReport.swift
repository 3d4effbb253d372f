/// JUnit XML for CI systems: one `testsuite` per scenario file, one `testcase` per step with
/// an `expect`, a `failure` element holding the readable difference.
public enum JUnitReport {
    public static func render(_ runner: ScenarioRunner) -> String {
        var files: [String] = []
        for result in runner.results where !files.contains(result.file) { files.append(result.file) }
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        out.append(
            "<testsuites name=\"crisisplan\" tests=\"\(runner.results.count)\" failures=\"\(runner.failedCount)\" errors=\"0\">"
        )
        for file in files {
            let results = runner.results.filter { $0.file == file }
            let failed = results.filter { !$0.passed }.count
            out.append(
                "  <testsuite name=\"\(MarkupEscaping.escape(file))\" tests=\"\(results.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">"
            )
            for result in results {
                let name = "\(result.scenario) — step \(result.step)"
                let open =
                    "    <testcase classname=\"\(MarkupEscaping.escape(file))\" name=\"\(MarkupEscaping.escape(name))\" file=\"\(MarkupEscaping.escape(result.file))\" line=\"\(result.source.line)\""
                if result.passed {
                    out.append(open + "/>")
                    continue
                }
                out.append(open + ">")
                var detail = result.error.map { ["could not evaluate: \($0)"] } ?? []
                detail += result.failures.map {
                    "\($0.source.pathAndLine): \($0.key): expected \($0.expected), actual \($0.actual)"
                }
                let message = result.failures.map(\.key).joined(separator: ", ")
                out.append(
                    "      <failure message=\"\(MarkupEscaping.escape(message.isEmpty ? "error" : message))\" type=\"expectation\">"
                        + MarkupEscaping.escape(detail.joined(separator: "\n")) + "</failure>")
                out.append("    </testcase>")
            }
            out.append("  </testsuite>")
        }
        out.append("</testsuites>")
        return out.joined(separator: "\n") + "\n"
    }
}
