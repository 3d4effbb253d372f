import Foundation
import Testing

/// On a terminal a long answer goes through a pager, so its first screen is what a worker
/// sees; never when output is piped, with --no-pager, TERM=dumb or an empty pager variable;
/// a pager that cannot start prints directly; one closed early is not an error.
@Suite("the pager, on a real terminal")
struct PagerTests {
    /// Runs the command on a pseudo-terminal (util-linux `script`), as a worker at a terminal.
    static func onTerminal(_ arguments: [String], environment: [String: String]) throws -> CommandResult {
        let command = ([CommandRunner.binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try CommandRunner.run(
            ["-qec", command, "/dev/null"], environment: ["TERM": "xterm"].merging(environment) { $1 },
            executable: "/usr/bin/script")
    }

    static let overdose = ["respond", "alex", "--fact", "overdose_injury_or_ligature=yes", "--at", "2026-11-24T03:00:00Z"]

    @Test("a long answer on a terminal is paged through $CRISISPLAN_PAGER")
    func paged() throws {
        let result = try Self.onTerminal(Self.overdose, environment: ["CRISISPLAN_PAGER": "sed s/^/PAGED:/"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("PAGED:EMERGENCY"))
    }

    @Test("never paged: --no-pager, TERM=dumb, an empty pager variable, --json, or output that is not a terminal",
          arguments: [
            (["--no-pager"], ["CRISISPLAN_PAGER": "sed s/^/PAGED:/"]),
            ([], ["CRISISPLAN_PAGER": "sed s/^/PAGED:/", "TERM": "dumb"]),
            ([], ["CRISISPLAN_PAGER": ""]),
            (["--json"], ["CRISISPLAN_PAGER": "sed s/^/PAGED:/"]),
          ])
    func notPaged(extra: [String], environment: [String: String]) throws {
        let result = try Self.onTerminal(Self.overdose + extra, environment: environment)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("PAGED:"))
        #expect(result.stdout.contains(extra == ["--json"] ? #""stage":{"id":"emergency""# : "EMERGENCY"))
    }

    @Test("piped output is never paged; a pager that cannot start prints directly; one quit early exits 0")
    func fallbacks() throws {
        let piped = try CommandRunner.run(Self.overdose, environment: ["CRISISPLAN_PAGER": "sed s/^/PAGED:/"])
        #expect(piped.status == 0 && !piped.stdout.contains("PAGED:") && piped.stdout.hasPrefix("EMERGENCY"))
        let missing = try Self.onTerminal(Self.overdose, environment: ["CRISISPLAN_PAGER": "no-such-pager-here"])
        #expect(missing.status == 0 && missing.stdout.contains("EMERGENCY"))
        let quit = try Self.onTerminal(Self.overdose, environment: ["CRISISPLAN_PAGER": "head -n 1"])
        #expect(quit.status == 0)
        let show = try Self.onTerminal(["show", "sam"], environment: ["PAGER": "sed s/^/PAGED:/"])
        #expect(show.status == 0 && show.stdout.contains("PAGED:"))
    }
}
