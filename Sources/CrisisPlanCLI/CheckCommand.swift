import ArgumentParser
import CrisisPlan

/// `crisisplan check`: validate the rules library and report every problem at once.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the rules library and scenarios.",
        discussion: """
            Prints each problem as path:line:col: error|warning: message, with the source line \
            and a caret, then 'N files, N errors, N warnings'. Exit 0 when there are no errors, \
            1 when there are, 2 when a path or the rules directory is missing.
            """)

    @Argument(
        help: """
            Files or folders to check (default: the library and Scenarios/ when it exists). A file \
            under people/ is checked as a plan, under policy/ as policy, anything else as a \
            scenario; a people/ folder as its plans; a folder holding policy/ (or a policy/ or \
            hazards/ folder, or a file under hazards/) is checked as a rules library instead of \
            --rules.
            """)
    var paths: [String] = []

    @OptionGroup var rulesOptions: RulesOptions

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Check as of this time (RFC 3339), e.g. for plan-review-overdue; default now.", valueName: "TIME"))
    var at: String?

    func run() throws {
        let today = try Clock.now(at).utcDate
        let paths = self.paths.flatMap(RulesFile.expand)
        let libraries = paths.map(RulesDirectory.init).filter { RulesDirectory($0.policyFolder).exists }
        // A file is checked as what it is (SPEC §8): under people/ a plan, under policy/ the
        // policy it belongs to, anything else a scenario.
        let planFiles = paths.filter { RulesFile.folder(of: $0) == "people" }
        let policyFiles = paths.filter { RulesFile.folder(of: $0) == "policy" }
        let home = (planFiles + policyFiles).first.flatMap(RulesFile.library(of:))
        let rules = try libraries.first ?? home ?? rulesOptions.directory()
        var library =
            libraries.isEmpty && !(planFiles + policyFiles).isEmpty
            ? RulesLoader.loadPlans(planFiles, in: rules, today: today)
            : RulesLoader.loadLibrary(rules, today: today, keepPlans: false)
        for other in libraries.dropFirst() {
            library.add(RulesLoader.loadLibrary(other, today: today, keepPlans: false))
        }
        let named = Set(libraries.map(\.displayPath))
        let others = paths.filter {
            !named.contains(RulesDirectory($0).displayPath) && !planFiles.contains($0) && !policyFiles.contains($0)
        }
        let beside = rules.scenariosFolder
        let scenarioPaths = paths.isEmpty && RulesDirectory(beside).exists ? [beside] : others
        if !scenarioPaths.isEmpty {
            let files: [String]
            do {
                files = try ScenarioSuite.files(at: scenarioPaths)
            } catch {
                throw UsageFailure(message: error.message)
            }
            if let policy = library.policy {
                let suite = ScenarioSuite(files: files, rules: rules, policy: policy, today: today)
                library.add(suite)
            }
        }
        let report = CheckReport(library: library)
        print(report.text, terminator: "")
        if report.errorCount > 0 { throw ExitCode(1) }
    }
}
