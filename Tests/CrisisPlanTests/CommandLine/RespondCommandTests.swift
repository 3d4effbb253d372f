import Foundation
import Testing

@Suite("crisisplan respond, run as a built binary")
struct RespondCommandTests {
    static let at = ["--at", "2026-11-24T10:30:00Z"]

    @Test("the text answer: header, own responses first, contacts with numbers, do-not-contact with reasons")
    func textAnswer() throws {
        let result = try CommandRunner.run(["respond", "sam", "--sign", "not sleeping"] + Self.at)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Sam Taylor (they/them) — Early warning signs")
        #expect(lines[1] == "")
        #expect(lines[2] == "What Sam Taylor has agreed helps, in their order")
        #expect(lines[3] == "  1. [me] Walk Bramble and put my music on")
        #expect(lines[6] == "  Why this stage (as of 2026-11-24T10:30:00Z): active sign of stage early:")
        #expect(lines[7] == "    sleep-loss")
        #expect(result.stdout.contains("  1. Jo Taylor (sister) — 07700 900123"))
        #expect(
            result.stdout.contains(
                "Do NOT contact\n  - Mark Taylor: I do not want my father told anything about my health."))
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test("respond --help lists the library's facts with their values, and leaves them out with no library")
    func helpListsFacts() throws {
        for arguments in [["respond", "--help"], ["respond", "sam", "-h"], ["help", "respond"]] {
            let result = try CommandRunner.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: crisisplan respond <person>"))
            #expect(result.stdout.contains("\nFACTS (declared in Rules/policy/; case, spaces and - are forgiven):\n"))
            #expect(result.stdout.contains("\n  self_harm                     none | thoughts | plans | acted\n"))
            #expect(result.stdout.contains("\n  harm_source                   the id or name of someone in the plan\n"))
            #expect(result.stdout.contains("\n  life_at_risk                  yes | no\n"))
        }
        let elsewhere = try CommandRunner.run(["respond", "--help"], in: NSTemporaryDirectory())
        #expect(elsewhere.status == 0)
        #expect(elsewhere.stdout.contains("USAGE: crisisplan respond"))
        #expect(!elsewhere.stdout.contains("FACTS"))
    }

    @Test("--json has every key, in SPEC §6's order")
    func jsonKeys() throws {
        let result = try CommandRunner.run(["respond", "robin", "--json"] + Self.at)
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "person", "name", "at", "stage", "own_responses", "helps", "avoid", "take_care_of", "contacts",
                "do_not_contact", "withheld", "conflicts", "flags", "advance_decisions", "attorney", "views",
                "warnings", "prompts", "attorneys",
            ])
        let advance = try #require(object["advance_decisions"] as? [String: Any])
        #expect(Set(advance.keys) == ["statements", "refusals"])
        #expect(object["attorney"] is NSNull)
        #expect(object["at"] as? String == "2026-11-24T10:30:00Z")
        let order = [
            "\"person\"", "\"name\"", "\"at\"", "\"stage\"", "\"prompts\"", "\"own_responses\"", "\"helps\"", "\"contacts\"",
            "\"do_not_contact\"", "\"withheld\"", "\"conflicts\"", "\"flags\"", "\"advance_decisions\"", "\"warnings\"",
        ]
        let positions = order.compactMap { result.stdout.range(of: $0)?.lowerBound }
        #expect(positions == positions.sorted() && positions.count == order.count)
    }

    @Test("a warning about the plan as a whole points at its person: line")
    func stageWarningsAtPerson() throws {
        // Jo, the only one on Sam's early route, is named as causing harm: no one is left.
        let result = try CommandRunner.run(
            ["respond", "sam", "--sign", "insomnia", "--fact", "abuse_or_neglect=suspected", "--fact", "harm_source=jo", "--json"]
                + Self.at)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#"{"code":"no-route-for-stage","message":"#))
        #expect(result.stdout.contains(#"can be contacted; use the service's crisis procedures","source":"Rules/people/sam.yaml:5","#))
    }

    @Test("observations from a YAML file and from JSON on stdin give the same answer")
    func observationsFile() throws {
        let yaml = """
            person: kit
            at: 2026-11-24T10:30:00Z
            observations:
              - at: 2026-11-23T21:00:00Z
                signs: [panic attacks]
              - at: 2026-11-24T09:00:00Z
                signs: [self-harm]
                facts: {abuse_or_neglect: disclosed, care_and_support_needs: "yes", can_protect_self: "no", harm_source: Lee Walker}

            """
        let library = try TemporaryLibrary(["obs.yaml": yaml])
        defer { library.remove() }
        let fromFile = try CommandRunner.run(["respond", "kit", "--json", "--observations", library.root + "/obs.yaml"])
        #expect(fromFile.status == 0)
        let json = """
            {"person": "kit", "at": "2026-11-24T10:30:00Z", "observations": [
              {"at": "2026-11-23T21:00:00Z", "signs": ["panic attacks"]},
              {"at": "2026-11-24T09:00:00Z", "signs": ["self-harm"], "facts": {"abuse_or_neglect": "disclosed",
               "care_and_support_needs": "yes", "can_protect_self": "no", "harm_source": "Lee Walker"}}]}
            """
        let fromStdin = try CommandRunner.run(["respond", "kit", "--json", "--observations", "-"], stdin: json)
        #expect(fromStdin.status == 0)
        #expect(fromFile.stdout == fromStdin.stdout)
        #expect(fromFile.stdout.contains("\"withheld\":[{\"id\":\"lee\""))
    }

    @Test(
        "bad input exits 2 with a message naming the problem and what is allowed",
        arguments: [
            (
                ["respond", "sma"],
                "error: unknown person 'sma': no plan in Rules/people/ has that id or name; did you mean 'sam' (Sam Taylor)?\n"
            ),
            (
                ["respond", "kit", "--fact", "harm_source=Leo"],
                "<command line>: error: fact 'harm_source' names 'Leo', who is not among Kit Walker's contacts or do-not-contact list; name them by id or name, or write someone-else for a person not in the plan; did you mean 'lee' (Lee Walker)?\n"
            ),
            (
                ["respond", "priya", "--capacity", "admision=lacks"],
                "<command line>: error: unknown decision 'admision': capacity is assessed for one declared decision at a time; did you mean 'admission'?\n"
            ),
            (
                ["respond", "sam", "--fact", "abuse_or_neglect=maybe"],
                "<command line>: error: 'maybe' is not a value of fact 'abuse_or_neglect'; allowed values: none, suspected, disclosed\n"
            ),
            (
                ["respond", "sam", "--fact", "colour=red"],
                "<command line>: error: unknown fact 'colour'; declared facts: "
                    + ShippedRules.factIds().joined(separator: ", ") + "\n"
            ),
            (
                ["respond", "sam", "--fact", "life_at_risk=perhaps"],
                "<command line>: error: fact 'life_at_risk' is yes or no (or true or false), found 'perhaps'; write yes or no\n"
            ),
            (
                ["respond", "sam", "--capacity", "admission=unsure"],
                "error: --capacity takes DECISION=lacks or DECISION=has, like admission=lacks; found 'admission=unsure'\n"
            ),
            (
                ["respond", "sam", "--at", "tomorrow"],
                "error: --at takes a time with a zone, like 2026-11-24T10:30:00Z; found 'tomorrow'\n"
            ),
            (
                ["respond", "sam", "--observations", "missing.yaml"],
                "error: cannot read the observations file 'missing.yaml'\n"
            ),
        ])
    func badInput(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == message)
    }

    @Test("a timeline out of order, or for someone else, is bad input")
    func badTimelines() throws {
        let backwards = """
            observations:
              - at: 2026-11-24T09:00:00Z
              - at: 2026-11-23T09:00:00Z

            """
        let library = try TemporaryLibrary(["back.yaml": backwards, "other.yaml": "person: kit\nobservations: []\n"])
        defer { library.remove() }
        let result = try CommandRunner.run(["respond", "sam", "--observations", library.root + "/back.yaml"])
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                library.root
                    + "/back.yaml:3:5: error: observations must be oldest first: 2026-11-23T09:00:00Z is before the previous observation's 2026-11-24T09:00:00Z\n  - at: 2026-11-23T09:00:00Z\n    ^"
            ))
        let other = try CommandRunner.run(["respond", "sam", "--observations", library.root + "/other.yaml"])
        #expect(other.status == 2)
        #expect(other.stderr == "error: the observations are for 'kit', not 'sam' (\(library.root)/other.yaml:1:9)\n")
    }
}

@Suite("Warnings point at what caused them")
struct WarningSourceTests {
    @Test("plan, then observations, then evaluation; each with its source")
    func warningOrderAndSources() throws {
        let yaml = """
            person: dee
            at: 2026-11-24T10:30:00Z
            observations:
              - at: 2026-11-22T08:00:00Z
                capacity:
                  - decision: finances
                    status: lacks
              - at: 2026-11-24T09:00:00Z
                signs: [singing at night]
                facts:
                  harm_source: someone-else
              - at: 2026-11-25T09:00:00Z
                signs: [post piling up]

            """
        let library = try TemporaryLibrary(["obs.yaml": yaml])
        defer { library.remove() }
        let path = library.root + "/obs.yaml"
        let result = try CommandRunner.run(["respond", "dee", "--json", "--observations", path])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let warnings = try #require(object["warnings"] as? [[String: Any]]).map { $0.compactMapValues { $0 as? String } }
        #expect(
            warnings.map { $0["code"]! } == [
                "plan-review-overdue", "unknown-sign", "future-observation", "capacity-assessment-stale",
            ])
        #expect(
            warnings.map { $0["source"]! } == ["Rules/people/dee.yaml:17", "\(path):8", "\(path):12", "\(path):6"])
    }
}

@Suite("Run from anywhere, and read observations as documented")
struct WhereAndWhatTests {
    @Test("from a folder inside the project the nearest Rules/ is used, and named on standard error")
    func nearestRules() throws {
        let result = try CommandRunner.run(
            ["respond", "sam", "--at", "2026-11-24T10:30:00Z"], in: PackageRoot.path + "/Rules/people")
        #expect(result.status == 0)
        #expect(result.stderr == "using the rules library at ../../Rules\n")
        #expect(result.stdout.hasPrefix("Sam Taylor (they/them) — Well"))
    }

    @Test("CRISISPLAN_RULES names the library from anywhere; its Scenarios/ come with it")
    func environmentVariable() throws {
        let result = try CommandRunner.run(
            ["check", "--at", "2026-11-24T09:00:00Z"], in: NSTemporaryDirectory(),
            environment: ["CRISISPLAN_RULES": PackageRoot.path + "/Rules"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("85 files, 0 errors, 5 warnings\n"))
        #expect(result.stderr.hasPrefix("using the rules library at"))
        let nowhere = try CommandRunner.run(["respond", "sam"], in: "/")
        #expect(nowhere.status == 2)
        #expect(
            nowhere.stderr
                == "error: no rules directory: no Rules/ with policy/ here or in any folder above; pass --rules DIR or set CRISISPLAN_RULES\n"
        )
    }

    @Test("a bare list of observations is refused with the shape it should have")
    func observationsShape() throws {
        let result = try CommandRunner.run(
            ["respond", "sam", "--observations", "-"], stdin: "[{\"at\": \"2026-11-24T10:00:00Z\"}]")
        #expect(result.status == 2)
        #expect(
            result.stderr.hasPrefix(
                "<stdin>:1:1: error: expected an observations document, a map with the list under 'observations:', found a list; write it as: person: ID (optional), at: TIME (optional), observations: ["
            ))
        #expect(result.stderr.contains("see docs/observations.md"))
    }

    @Test("contacts in JSON carry their relation; an empty route says so plainly")
    func relationAndEmptyRoute() throws {
        let json = try CommandRunner.run(["respond", "kit", "--sign", "panic", "--json", "--at", "2026-11-24T10:30:00Z"])
        #expect(json.stdout.contains(#"{"id":"aunt","name":"Rosa Kemp","relation":"aunt","phone":"07700 900987""#))
        let text = try CommandRunner.run(["respond", "kit", "--at", "2026-11-24T10:30:00Z"])
        #expect(text.stdout.contains("Who to call, in this order\n  The plan has no one to contact at Well.\n"))
    }

    @Test("an observations file cannot send control characters to the terminal")
    func noControlCharacters() throws {
        let result = try CommandRunner.run(
            ["respond", "sam", "--observations", "-"],
            stdin: #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["a\u001b[2J\u001b]0;owned\u0007"]}]}"#)
        #expect(result.status == 2)
        #expect(!result.stderr.contains("\u{1B}") && !result.stderr.contains("\u{7}"))
        #expect(result.stderr.contains("error: text holds the control character U+1B"))
    }

    @Test("inputs over 1 MiB are refused without being read whole; folders are named as folders")
    func boundedInput() throws {
        let big = try TemporaryLibrary(["big.yaml": ""])
        defer { big.remove() }
        let path = big.root + "/big.yaml"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let file = try CommandRunner.run(["respond", "sam", "--observations", path])
        #expect(file.status == 2)
        #expect(file.stderr.hasPrefix("\(path):1:1: error: file is 2147483648 bytes; rule files are limited to 1048576 bytes"))
        let piped = try CommandRunner.run(
            ["respond", "sam", "--observations", "-"], stdin: String(repeating: "#", count: (1 << 20) + 10))
        #expect(piped.status == 2)
        #expect(piped.stderr.hasPrefix("<stdin>:1:1: error: file is more than 1048576 bytes"))
        let folder = try CommandRunner.run(["respond", "sam", "--observations", big.root])
        #expect(folder.stderr == "error: the observations file '\(big.root)' is a folder, not a file\n")
    }

    @Test("ten thousand bad entries in one file print fifty, then how many more")
    func manyErrors() throws {
        let entries = (0..<10_000).map { #"{"at":"2026-11-24T10:00:00Z","facts":{"colour\#($0)":"x"}}"# }
        let result = try CommandRunner.run(
            ["respond", "sam", "--observations", "-"],
            stdin: #"{"observations":["# + entries.joined(separator: ",") + "]}")
        #expect(result.status == 2)
        #expect(result.stderr.components(separatedBy: ": error: ").count - 1 == 50)
        #expect(result.stderr.hasSuffix("<stdin>: and 9950 more errors and warnings in this file, not shown\n"))
        #expect(result.stderr.split(separator: "\n").allSatisfy { $0.unicodeScalars.count < 1_000 })
    }

    @Test("a failed write is an error; times stay within years 0001-9999; a pipe in people/ is named, never read")
    func smallerBounds() throws {
        if let full = FileHandle(forWritingAtPath: "/dev/full") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
            process.arguments = ["respond", "sam", "--at", "2026-11-24T10:00:00Z"]
            process.currentDirectoryURL = URL(fileURLWithPath: PackageRoot.path)
            process.standardOutput = full
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 2)
        }
        let early = try CommandRunner.run(["respond", "sam", "--at", "0001-01-01T00:00:00+23:59"])
        #expect(early.status == 2)
        let library = try TemporaryLibrary(["policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": LibraryFixture.plan])
        defer { library.remove() }
        #expect(mkfifo(library.root + "/people/pipe.yaml", 0o600) == 0)
        let check = try CommandRunner.run(["check", "--rules", library.root])
        #expect(check.stdout.contains("people/pipe.yaml:1:1: error: this is not a regular file (a pipe, device or socket)"))
        let respond = try CommandRunner.run(["respond", "pipe", "--rules", library.root])
        #expect(respond.status == 2)
        #expect(respond.stderr.hasSuffix("people/pipe.yaml' is not a regular file (a pipe, device or socket)\n"))
    }

    @Test("JSON with a surrogate-pair escape, as Python writes emoji, is read")
    func surrogatePairs() throws {
        let result = try CommandRunner.run(
            ["respond", "sam", "--observations", "-", "--json"],
            stdin: #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["not sleeping \ud83d\ude00", "a \\ud83d"]}]}"#)
        #expect(result.status == 0)
        #expect(result.stdout.contains("'not sleeping 😀' matches none"))
        #expect(result.stdout.contains(#"'a \\ud83d' matches none"#))
    }
}

@Suite("An unknown person's suggestions")
struct UnknownPersonSuggestionTests {
    @Test("at most five, and never the whole list: with two people and nothing near, one is offered, not both")
    func neverTheWholeList() throws {
        let second = LibraryFixture.plan.replacingOccurrences(of: "id: sam", with: "id: lou")
            .replacingOccurrences(of: "name: Sam Taylor", with: "name: Lou Brennan")
        #expect(second.contains("id: lou") && second.contains("Lou Brennan"))
        let library = try TemporaryLibrary([
            "Rules/policy/policy.yaml": LibraryFixture.policy, "Rules/people/sam.yaml": LibraryFixture.plan,
            "Rules/people/lou.yaml": second,
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["respond", "qqq"], in: library.root)
        #expect(result.status == 2)
        let offered = ["'sam'", "'lou'"].filter { result.stderr.contains($0) }
        #expect(offered.count == 1, "\(result.stderr)")
    }
}
