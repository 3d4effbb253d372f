/// JUnit XML for CI systems: one `testsuite` per scenario file, one `testcase` per step with
/// an `expect`, a `failure` element holding the readable difference. A file that could not be
/// read or checked is one failing test case with its errors, so CI always shows why (SPEC §8).
public enum JUnitReport {
    /// A file (or the rules library) that could not be read, and what `check` says about it.
    public struct Unreadable: Sendable {
        public var file: String
        public var errors: String

        public init(file: String, errors: String) {
            self.file = file
            self.errors = errors
        }
    }

    public static func render(_ runner: ScenarioRunner?, unreadable: [Unreadable] = []) -> String {
        let results = runner?.results ?? []
        let failed = (runner?.failedCount ?? 0) + unreadable.count
        var files: [String] = []
        for result in results where !files.contains(result.file) { files.append(result.file) }
        var out = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        out.append(
            "<testsuites name=\"crisisplan\" tests=\"\(results.count + unreadable.count)\" failures=\"\(failed)\" errors=\"0\">"
        )
        for item in unreadable {
            let file = MarkupEscaping.escape(item.file)
            out.append("  <testsuite name=\"\(file)\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">")
            out.append("    <testcase classname=\"\(file)\" name=\"could not be read\" file=\"\(file)\">")
            out.append(
                "      <failure message=\"could not be read\" type=\"unreadable\">" + MarkupEscaping.escape(item.errors)
                    + "</failure>")
            out.append("    </testcase>")
            out.append("  </testsuite>")
        }
        for file in files {
            let results = results.filter { $0.file == file }
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
                // The diagnostic itself when the step could not be evaluated.
                let message =
                    result.failures.isEmpty
                    ? (result.error?.split(separator: "\n").first.map(String.init) ?? "")
                    : result.failures.map(\.key).joined(separator: ", ")
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
