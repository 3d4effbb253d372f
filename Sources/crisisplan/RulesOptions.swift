import ArgumentParser
import CrisisPlan

/// `--rules DIR`, which every command takes.
struct RulesOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules library: policy/ and people/.", valueName: "DIR"))
    var rules: String = "Rules"

    /// The library, or exit 2 when the folder is missing.
    func directory() throws -> RulesDirectory {
        let directory = RulesDirectory(rules)
        guard directory.exists else {
            throw UsageFailure(message: "error: no rules directory at '\(directory.displayPath)'; pass --rules DIR")
        }
        return directory
    }
}
