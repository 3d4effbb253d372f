import ArgumentParser
import CrisisPlan
import Foundation

/// `crisisplan`: the person's own agreed responses first; overrides explicit.
///
/// Exit codes follow SPEC §8 rather than the argument parser's: 0 success, 1 a failed check or
/// test, 2 bad input or usage, with the message on standard error only.
@main
struct CrisisPlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisisplan",
        abstract: "Crisis plans: the person's own agreed responses first, overrides explicit.",
        version: ProductVersion.current,
        subcommands: [
            CheckCommand.self, AnalyzeCommand.self, DiffCommand.self, RespondCommand.self, ExportCommand.self, ShowCommand.self, TestCommand.self, TrainCommand.self,
            HazardsCommand.self, ServeCommand.self, UserCommand.self, AuditCommand.self,
        ])

    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let repeated = RepeatedOption.first(in: arguments) {
            standardError(repeated.message)
            Foundation.exit(2)
        }
        if FactsHelp.isRespondHelp(arguments) {
            print(helpMessage(for: RespondCommand.self))
            if let facts = FactsHelp.section(arguments: arguments) { print("\n" + facts) }
            Foundation.exit(0)
        }
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
            // A failed write (a full disk, a closed pipe) is an error, never a silent success.
            if fflush(nil) != 0 {
                standardError("error: could not write the output: \(String(cString: strerror(errno)))")
                Foundation.exit(2)
            }
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let failure as UsageFailure {
            standardError(failure.message)
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // One style for every error: the argument parser's "Error:" as "error:".
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
            standardError(message)
            Foundation.exit(2)
        }
    }
}
