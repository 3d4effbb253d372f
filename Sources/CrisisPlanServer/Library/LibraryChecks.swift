import CrisisPlan
import Dispatch
import Synchronization

/// `GET /v1/checks`: what `crisisplan check` and `crisisplan test` say of the library being
/// served, as JSON for governance dashboards. Worked out once per library version, off the
/// threads that answer requests.
final class LibraryChecks: Sendable {
    private let cache = Mutex<(version: String, json: String)?>(nil)
    private let queue = DispatchQueue(label: "crisisplan.checks", qos: .utility)

    func json(for library: ServedLibrary) async -> String {
        if let cached = cache.withLock({ $0 }), cached.version == library.version { return cached.json }
        let json = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Self.run(library)) }
        }
        cache.withLock { $0 = (library.version, json) }
        return json
    }

    private static func run(_ library: ServedLibrary) -> String {
        let rules = library.rules
        let today = Timestamp.now().utcDate
        var load = RulesLoader.loadLibrary(rules, today: today, keepPlans: false)
        var runner: ScenarioRunner?
        var broken: Set<String> = []
        if let policy = load.policy, let files = try? ScenarioSuite.files(at: [rules.scenariosFolder]) {
            let suite = ScenarioSuite(files: files, rules: rules, policy: policy, today: today)
            load.add(suite)
            broken = Set(suite.diagnostics.filter { $0.severity == .error }.map(\.location.file))
            var runnable = suite
            runnable.cases = suite.cases.filter { !broken.contains($0.scenario.file) }
            runner = ScenarioRunner(suite: runnable)
        }
        let report = CheckReport(library: load)
        var json = JSONWriter()
        json.beginObject()
        json.field("version", library.version)
        json.key("check")
        json.beginObject()
        json.field("files", load.fileCount)
        json.field("errors", report.errorCount)
        json.field("warnings", report.warningCount)
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in load.diagnostics {
            json.beginObject()
            json.field("severity", diagnostic.severity.rawValue)
            json.field("source", diagnostic.location.pathLineColumn)
            json.field("message", diagnostic.message)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.key("test")
        if let runner {
            json.beginObject()
            json.field("passed", runner.passedCount)
            json.field("failed", runner.failedCount + broken.count)
            json.field("unreadable", broken.sorted())
            json.key("steps")
            json.beginArray()
            for result in runner.results {
                json.beginObject()
                json.field("scenario", result.scenario)
                json.field("step", result.step)
                json.field("source", result.source.pathAndLine)
                json.field("passed", result.passed)
                json.field("error", result.error)
                json.key("failures")
                json.beginArray()
                for failure in result.failures {
                    json.beginObject()
                    json.field("key", failure.key)
                    json.field("expected", failure.expected)
                    json.field("actual", failure.actual)
                    json.field("source", failure.source.pathAndLine)
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.endObject()
        } else {
            json.null()
        }
        json.endObject()
        return json.text + "\n"
    }
}
