import ArgumentParser
import CrisisPlan
import Foundation

/// `--rules DIR`, which every command takes.
///
/// Without it the library is `$CRISISPLAN_RULES`, else the first `Rules/` holding `policy/` in
/// the working folder or one of its parents (as git finds `.git`), so the commands work from
/// anywhere inside a project. When that is not `./Rules`, the command says on standard error
/// which library it used.
struct RulesOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The rules library: policy/ and people/ (default $CRISISPLAN_RULES, else the nearest Rules/).",
            valueName: "DIR"))
    var rules: String?

    /// The library, or exit 2 when there is none; `quietly` does not say which was used.
    func directory(quietly: Bool = false) throws -> RulesDirectory {
        if let rules {
            return try existing(RulesDirectory(rules), hint: "pass --rules DIR")
        }
        if let variable = ProcessInfo.processInfo.environment["CRISISPLAN_RULES"], !variable.isEmpty {
            let directory = try existing(RulesDirectory(variable), hint: "CRISISPLAN_RULES names it")
            if !quietly { standardError("using the rules library at \(directory.displayPath) (CRISISPLAN_RULES)") }
            return directory
        }
        var prefix = ""
        for _ in 0..<32 {
            let candidate = RulesDirectory(prefix + "Rules")
            if RulesDirectory(candidate.policyFolder).exists {
                if !prefix.isEmpty, !quietly { standardError("using the rules library at \(candidate.displayPath)") }
                return candidate
            }
            let here = URL(fileURLWithPath: prefix.isEmpty ? "." : prefix).standardizedFileURL.path
            if here == "/" { break }
            prefix += "../"
        }
        throw UsageFailure(
            message:
                "error: no rules directory: no Rules/ with policy/ here or in any folder above; pass --rules DIR or set CRISISPLAN_RULES"
        )
    }

    private func existing(_ directory: RulesDirectory, hint: String) throws -> RulesDirectory {
        guard directory.exists else {
            throw UsageFailure(message: "error: no rules directory at '\(directory.displayPath)'; \(hint)")
        }
        return directory
    }
}
