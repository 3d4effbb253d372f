import ArgumentParser
import CrisisPlan
import CrisisPlanServer
import Foundation

/// `crisisplan audit verify|list`: the service's audit log, for governance (SPEC v2 §9).
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify or list the service's audit log.",
        subcommands: [Verify.self, List.self])

    struct StoreOption: ParsableArguments {
        @Option(
            name: .long,
            help: ArgumentHelp("The audit store: sqlite:PATH or postgresql://USER@HOST:PORT/DB.", valueName: "URL"))
        var audit = "sqlite:audit.sqlite"
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every chain; exit 0 when whole, 1 at the first record changed, removed or reordered.")

        @OptionGroup var store: StoreOption

        @Option(
            name: .long,
            help: ArgumentHelp("Also fail unless this is a chain's last hash (nothing cut from the end).", valueName: "HASH"))
        var expectHead: String?

        func run() async throws {
            let outcome: AuditVerifier.Outcome
            do {
                outcome = try await AuditVerifier(audit: store.audit, expectHead: expectHead).run()
            } catch {
                throw UsageFailure(message: error.message)
            }
            if outcome.whole {
                print(outcome.text)
            } else {
                standardError(outcome.text)
                throw ExitCode(1)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit records, newest first.")

        @OptionGroup var store: StoreOption

        @Option(name: .long, help: "Only records about this person (their id).")
        var person: String?

        @Option(name: .long, help: "Only records of this user (their id).")
        var user: String?

        @Option(name: .long, help: ArgumentHelp("Only records at or after this time (RFC 3339).", valueName: "TIME"))
        var since: String?

        @ArgumentParser.Flag(name: .long, help: "Print the records as JSON, one per line.")
        var json = false

        func run() async throws {
            var time: Timestamp?
            if let since {
                guard let parsed = Timestamp(parsing: since) else {
                    throw UsageFailure(
                        message: "error: --since takes a time with a zone, like 2026-11-24T10:30:00Z; found '\(since)'")
                }
                time = parsed
            }
            do {
                try await AuditLister(audit: store.audit, person: person, user: user, since: time, json: json).run {
                    print($0, terminator: "")
                }
            } catch {
                throw UsageFailure(message: error.message)
            }
        }
    }
}
