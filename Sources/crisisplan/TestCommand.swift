import ArgumentParser
import CrisisPlan
import Foundation

/// `crisisplan test`: run example cases against the policy; the last line is `N passed, N failed`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run scenarios (default Scenarios/) and compare each step with its expectations.")

    @Argument(help: "Scenario files or folders.")
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Also write JUnit XML here.", valueName: "FILE"))
    var junit: String?

    @ArgumentParser.Flag(
        name: .long, help: "Report which flags, escalation rules, signs and responses no step exercised.")
    var coverage = false

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.directory()
        let suite: ScenarioSuite
        do {
            suite = try ScenarioLoading.load(paths: paths, rules: rules, today: nil)
        } catch {
            throw UsageFailure(message: error.message)
        }
        let errors = suite.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            let rendered = errors.map(DiagnosticRenderer(sources: suite.sources).render)
            throw UsageFailure(
                message: rendered.joined(separator: "\n")
                    + "\nfix these (crisisplan check) before running the scenarios")
        }
        let runner = ScenarioRunner(suite: suite)
        if let junit {
            do {
                try Data(JUnitReport.render(runner).utf8).write(to: URL(fileURLWithPath: junit))
            } catch {
                throw UsageFailure(
                    message: "error: cannot write the JUnit file '\(junit)': \(error.localizedDescription)")
            }
        }
        var report = TestReport.render(runner)
        if coverage {
            report = runner.coverage.report + "\n\n" + report
        }
        print(report, terminator: "")
        if runner.failedCount > 0 { throw ExitCode(1) }
    }
}
