import ArgumentParser
import CrisisPlan
import CrisisPlanServer

/// `crisisplan serve`: the same answers over HTTP for everyone on shift (SPEC v2 §9).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the answers over HTTP: the API of SPEC §9, reloaded safely.")

    @Option(name: .long, help: "The address to listen on (loopback unless told otherwise).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free one (named in the start-up line).")
    var port = 8080

    @ArgumentParser.Flag(name: .long, help: "Do not reload when files under the rules folder change.")
    var noWatch = false

    @OptionGroup var rulesOptions: RulesOptions

    func run() async throws {
        let rules = try rulesOptions.directory()
        do {
            try await CrisisPlanServer.run(ServeOptions(rules: rules, host: host, port: port, watch: !noWatch))
        } catch let failure as StartFailure {
            throw UsageFailure(message: failure.message)
        }
    }
}
