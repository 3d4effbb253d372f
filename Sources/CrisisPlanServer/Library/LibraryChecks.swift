import CrisisPlan
import Dispatch
import Synchronization

/// `GET /v1/checks`: what `crisisplan check` and `crisisplan test` say of the library being
/// served, as JSON for governance dashboards. Worked out once per library version, off the
/// threads that answer requests.
final class LibraryChecks: Sendable {
    /// What check and test said of one library version.
    struct Result: Sendable {
        struct Finding: Sendable {
            var severity: String
            var source: String
            var message: String
        }
        struct Failure: Sendable {
            var key: String
            var expected: String
            var actual: String
            var source: String
        }
        struct Step: Sendable {
            var scenario: String
            var step: Int
            var source: String
            var passed: Bool
            var error: String?
            var failures: [Failure]
        }
        struct Tests: Sendable {
            var passed: Int
            var failed: Int
            var unreadable: [String]
            var steps: [Step]
        }
        var version: String
        var files: Int
        var errors: Int
        var warnings: Int
        var diagnostics: [Finding]
        var tests: Tests?
    }

    private let cache = Mutex<Result?>(nil)
    private let queue = DispatchQueue(label: "crisisplan.checks", qos: .utility)

    func result(for library: ServedLibrary) async -> Result {
        if let cached = cache.withLock({ $0 }), cached.version == library.version { return cached }
        let result = await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: Self.run(library)) }
        }
        cache.withLock { $0 = result }
        return result
    }

    func json(for library: ServedLibrary) async -> String {
        Self.json(await result(for: library))
    }

    private static func run(_ library: ServedLibrary) -> Result {
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
        return Result(
            version: library.version, files: load.fileCount, errors: report.errorCount, warnings: report.warningCount,
            diagnostics: load.diagnostics.map {
                Result.Finding(severity: $0.severity.rawValue, source: $0.location.pathLineColumn, message: $0.message)
            },
            tests: runner.map { runner in
                Result.Tests(
                    passed: runner.passedCount, failed: runner.failedCount + broken.count, unreadable: broken.sorted(),
                    steps: runner.results.map { step in
                        Result.Step(
                            scenario: step.scenario, step: step.step, source: step.source.pathAndLine, passed: step.passed,
                            error: step.error,
                            failures: step.failures.map {
                                Result.Failure(
                                    key: $0.key, expected: $0.expected, actual: $0.actual, source: $0.source.pathAndLine)
                            })
                    })
            })
    }

    private static func json(_ result: Result) -> String {
        var json = JSONWriter()
        json.beginObject()
        json.field("version", result.version)
        json.key("check")
        json.beginObject()
        json.field("files", result.files)
        json.field("errors", result.errors)
        json.field("warnings", result.warnings)
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in result.diagnostics {
            json.beginObject()
            json.field("severity", diagnostic.severity)
            json.field("source", diagnostic.source)
            json.field("message", diagnostic.message)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        json.key("test")
        if let tests = result.tests {
            json.beginObject()
            json.field("passed", tests.passed)
            json.field("failed", tests.failed)
            json.field("unreadable", tests.unreadable)
            json.key("steps")
            json.beginArray()
            for step in tests.steps {
                json.beginObject()
                json.field("scenario", step.scenario)
                json.field("step", step.step)
                json.field("source", step.source)
                json.field("passed", step.passed)
                json.field("error", step.error)
                json.key("failures")
                json.beginArray()
                for failure in step.failures {
                    json.beginObject()
                    json.field("key", failure.key)
                    json.field("expected", failure.expected)
                    json.field("actual", failure.actual)
                    json.field("source", failure.source)
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
