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
        name: .long,
        help: "Report, for every plan and policy file, which flags, escalation rules, prompts, red flags, signs and responses no step exercised.")
    var coverage = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Fail (exit 1) when less than this percentage of everything is exercised; implies --coverage.",
            valueName: "N"))
    var minCoverage: Int?

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        // Whatever stops the run, CI gets a JUnit file saying why (SPEC v2 §8).
        let rules: RulesDirectory
        do {
            rules = try rulesOptions.directory()
        } catch let failure as UsageFailure {
            try writeJUnit(nil, unreadable: [JUnitReport.Unreadable(file: rulesOptions.rules ?? "Rules", errors: failure.message)])
            throw failure
        }
        let files: [String]
        do {
            files = try ScenarioLoading.files(paths: paths, rules: rules)
        } catch {
            let named = paths.isEmpty ? rules.scenariosFolder : paths.joined(separator: " ")
            try writeJUnit(nil, unreadable: [JUnitReport.Unreadable(file: named, errors: error.message)])
            throw UsageFailure(message: error.message)
        }
        let suite: ScenarioSuite
        do {
            suite = try ScenarioLoading.load(files: files, rules: rules, today: nil)
        } catch {
            try writeJUnit(nil, unreadable: [JUnitReport.Unreadable(file: rules.policyFolder, errors: error.message)])
            throw UsageFailure(message: error.message)
        }
        // Files with errors are reported and count as failures; every other file still runs.
        // An error inside a step fails that step; any other error stops its file, which is
        // reported and counts as a failure; every other file still runs.
        let stepped = ScenarioRunner.stepErrors(in: suite)
        let errors = suite.diagnostics.filter { $0.severity == .error && !stepped.contains($0) }
        let renderer = DiagnosticRenderer(sources: suite.sources)
        var broken: [String] = []
        for error in errors where !broken.contains(error.location.file) { broken.append(error.location.file) }
        let runner = ScenarioRunner(suite: suite, skipping: Set(broken))
        try writeJUnit(
            runner,
            unreadable: broken.map { file in
                JUnitReport.Unreadable(
                    file: file,
                    errors: errors.filter { $0.location.file == file }.map(renderer.render).joined(separator: "\n"))
            })
        var report = TestReport.render(runner, unreadable: broken)
        var measured = runner.coverage
        if coverage || minCoverage != nil {
            measured.includeLibrary(rules, policy: suite.policy)
            report = measured.report + "\n\n" + report
        }
        print(TerminalText.visible(report, keepingLineBreaks: true), terminator: "")
        if !errors.isEmpty {
            throw UsageFailure(
                message: errors.map(renderer.render).joined(separator: "\n")
                    + "\nfix these (crisisplan check) before running the scenarios")
        }
        if runner.failedCount > 0 { throw ExitCode(1) }
        if let minCoverage, measured.isBelow(percent: minCoverage) {
            let (done, all) = measured.overall
            standardError("error: coverage \(done) of \(all) (\(done * 100 / all)%) is below --min-coverage \(minCoverage)%")
            throw ExitCode(1)
        }
    }

    func validate() throws {
        if let minCoverage, !(0...100).contains(minCoverage) {
            throw ValidationError("--min-coverage takes a percentage from 0 to 100, not \(minCoverage)")
        }
    }

    /// Writes the JUnit file when asked, making the folders it needs.
    private func writeJUnit(_ runner: ScenarioRunner?, unreadable: [JUnitReport.Unreadable]) throws {
        guard let junit else { return }
        let url = URL(fileURLWithPath: junit)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(JUnitReport.render(runner, unreadable: unreadable).utf8).write(to: url)
        } catch {
            throw UsageFailure(message: "error: cannot write the JUnit file '\(junit)': \(error.localizedDescription)")
        }
    }
}
