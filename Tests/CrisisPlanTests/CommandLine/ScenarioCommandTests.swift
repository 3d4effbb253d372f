import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("crisisplan test and train, run as a built binary")
struct ScenarioCommandTests {
    @Test("the shipped scenarios pass, with every flag and escalation rule exercised")
    func shippedScenarios() throws {
        let result = try CommandRunner.run(["test", "--coverage"])
        #expect(result.status == 0)
        #expect(result.stdout.hasSuffix("\n114 passed, 0 failed\n"))
        for file in [
            "30-capacity", "40-safeguarding", "45-information-sharing", "50-mental-health-act", "60-emergency",
            "20-escalation",
        ] {
            #expect(result.stdout.contains("Rules/policy/\(file).yaml: "), "\(file)")
        }
        let policyLines = result.stdout.split(separator: "\n").filter { $0.hasPrefix("Rules/policy/") }
        #expect(policyLines.allSatisfy { $0.hasSuffix("(100%)") })
    }

    @Test("coverage lists every plan and policy file, untested ones at 0 %; --min-coverage fails below its share")
    func coverageOfTheWholeLibrary() throws {
        let scenario = """
            scenario: Sam stops sleeping
            person: sam
            steps:
              - at: 2026-11-24T09:00:00Z
                signs: [not sleeping]
                expect:
                  stage: early

            """
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy,
            "Rules/policy/b.yaml": "facts:\n  - id: seen\n    type: bool\n",
            "Rules/people/sam.yaml": LibraryFixture.plan,
            "Rules/people/zoe.yaml": LibraryFixture.plan.replacing("id: sam", with: "id: zoe")
                .replacing("Sam Taylor", with: "Zoe Taylor"),
            "Scenarios/sam.yaml": scenario,
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["test", "--coverage"], in: library.root)
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Rules/people/sam.yaml: 2 of 2 exercised (100%)"))
        #expect(lines.contains("Rules/people/zoe.yaml: 0 of 2 exercised (0%)"))
        #expect(lines.contains("  not exercised: sign 'sleep-loss' (Rules/people/zoe.yaml:8)"))
        #expect(lines.contains("Rules/policy/a.yaml: 0 of 1 exercised (0%)"))
        #expect(lines.contains("Rules/policy/b.yaml: 0 of 0 exercised (100%)"))
        #expect(lines.contains("Overall: 2 of 5 exercised (40%)"))

        let passing = try CommandRunner.run(["test", "--min-coverage", "40"], in: library.root)
        #expect(passing.status == 0)
        let failing = try CommandRunner.run(["test", "--min-coverage", "41"], in: library.root)
        #expect(failing.status == 1)
        #expect(failing.stdout.hasSuffix("\n1 passed, 0 failed\n"))
        #expect(failing.stderr == "error: coverage 2 of 5 (40%) is below --min-coverage 41%\n")
        let bad = try CommandRunner.run(["test", "--min-coverage", "140"], in: library.root)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("error: --min-coverage takes a percentage from 0 to 100, not 140\n"))
    }

    @Test("a policy change that breaks an example case is caught with a readable diff; exit 1")
    func brokenExpectation() throws {
        let scenario = """
            scenario: Kit, with the wrong expectations
            person: kit
            steps:
              - at: 2026-11-24T09:00:00Z
                signs: [panic attacks]
                facts: {abuse_or_neglect: disclosed, harm_source: Lee}
                expect:
                  stage: crisis
                  contacts: [lee, aunt]
                  flags: [adult-safeguarding]
              - at: 2026-11-24T10:00:00Z
                expect:
                  stage: early

            """
        let library = try TemporaryLibrary(["bad.yaml": scenario])
        defer { library.remove() }
        let path = library.root + "/bad.yaml"
        let result = try CommandRunner.run(["test", path, "--junit", library.root + "/junit.xml"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                FAIL Kit, with the wrong expectations — step 1 (\(path):4)
                  \(path):8: stage
                    - expected: crisis
                    + actual:   early
                  \(path):9: contacts
                    - expected: [lee, aunt]
                    + actual:   [aunt, la-adult-safeguarding]

                1 passed, 1 failed

                """)
        let xml = try Data(contentsOf: URL(fileURLWithPath: library.root + "/junit.xml"))
        let counter = JUnitCounter()
        let parser = XMLParser(data: xml)
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.testcases == 2)
        #expect(counter.failures == 1)
        #expect(counter.suiteAttributes["tests"] == "2" && counter.suiteAttributes["failures"] == "1")
    }

    @Test("check reports unknown ids in expectations at their line and column")
    func checkScenario() throws {
        let scenario = """
            scenario: typos
            person: sam
            steps:
              - at: 2026-11-24T10:00:00Z
                expect:
                  stage: crissis
                  contacts: [joe]
                  flags: [adult-safeguardng]

            """
        let library = try TemporaryLibrary(["typos.yaml": scenario])
        defer { library.remove() }
        let result = try CommandRunner.run(["check", library.root + "/typos.yaml", "--at", "2026-11-24T09:00:00Z"])
        #expect(result.status == 1)
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
            .map { $0.replacingOccurrences(of: library.root + "/", with: "") }
        #expect(
            errors == [
                "typos.yaml:6:14: error: unknown stage 'crissis'; did you mean 'crisis'?",
                "typos.yaml:7:18: error: unknown contact 'joe'; did you mean 'jo'?",
                "typos.yaml:8:15: error: unknown flag 'adult-safeguardng'; did you mean 'adult-safeguarding'?",
            ])
    }

    @Test("expectations that could never fail or never pass are errors; decisions and roles are names, checked as names")
    func expectationsThatCannotDecide() throws {
        let scenario = """
            scenario: cannot decide
            person: sam
            steps:
              - at: 2026-11-24T10:00:00Z
                expect: {}
              - at: 2026-11-24T10:05:00Z
                expect:
                  prompts: []
                  prompts_include: [ask-harm-source]
                  flags_include: [adult-safeguarding]
                  flags_exclude: [adult-safeguarding]
                  decisions: [admision]
                  conflicts: [nearest-relativ]

            """
        let library = try TemporaryLibrary(["bad.yaml": scenario])
        defer { library.remove() }
        let result = try CommandRunner.run(["check", library.root + "/bad.yaml", "--at", "2026-11-24T09:00:00Z"])
        #expect(result.status == 1)
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
            .map { $0.replacingOccurrences(of: library.root + "/", with: "") }
        #expect(errors.contains("bad.yaml:5:13: error: 'expect' is empty, so this step can never fail; say what the answer must hold (stage, contacts, flags, …) or leave 'expect' out"), "\(errors)")
        #expect(errors.contains("bad.yaml:8:7: error: 'prompts' is the exact list; use it or 'prompts_include', not both"), "\(errors)")
        #expect(errors.contains("bad.yaml:11:23: error: 'adult-safeguarding' is both included and excluded, so this step can never pass; keep one"), "\(errors)")
        #expect(errors.contains { $0.hasPrefix("bad.yaml:12:19: error: unknown decision 'admision'") && $0.contains("did you mean 'admission'?") }, "\(errors)")
        #expect(errors.contains("bad.yaml:13:19: error: unknown conflict role 'nearest-relativ'; did you mean 'nearest_relative'?"), "\(errors)")
    }

    @Test("decisions in an expectation are compared as names; attorney_can_act false fails when there is no attorney")
    func namesAsNames() throws {
        let shipped = try String(contentsOfFile: PackageRoot.path + "/Scenarios/24-priya-section-3-capable-ect.yaml", encoding: .utf8)
        #expect(shipped.contains("decisions: [ect]"))
        let library = try TemporaryLibrary([
            "t24.yaml": shipped.replacingOccurrences(of: "decisions: [ect]", with: "decisions: [ECT]"),
            "noattorney.yaml": """
                scenario: Sam has no attorney
                person: sam
                steps:
                  - at: 2026-11-24T10:00:00Z
                    expect:
                      attorney_can_act: false

                """,
        ])
        defer { library.remove() }
        let renamed = try CommandRunner.run(["test", library.root + "/t24.yaml"])
        #expect(renamed.status == 0, "\(renamed.stdout)")
        let none = try CommandRunner.run(["test", library.root + "/noattorney.yaml"])
        #expect(none.status == 1)
        #expect(none.stdout.contains("+ actual:   no attorney"), "\(none.stdout)")
    }

    @Test("a step with a check error fails, and what it observed stays in the timeline: Lee, named there, is withheld later")
    func failedStepStillHappened() throws {
        let scenario = """
            scenario: a typo in the first step
            person: kit
            steps:
              - at: 2026-11-24T09:00:00Z
                signs: [feeling odd]
                facts: {abuse_or_neglect: suspected, harm_source: lee}
              - at: 2026-11-24T10:00:00Z
                signs: [panic attacks]
                expect:
                  withheld: [lee]
                  contacts_exclude: [lee]

            """
        let library = try TemporaryLibrary(["typo.yaml": scenario])
        defer { library.remove() }
        let result = try CommandRunner.run(["test", library.root + "/typo.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.hasSuffix("\n1 passed, 1 failed\n"), "\(result.stdout)")
        // The failed step's diagnostic as check writes it, on its own line.
        #expect(result.stdout.contains("  could not evaluate:\n    \(library.root)/typo.yaml:5:13: error: "), "\(result.stdout)")
    }

    @Test("a scenario with its whole plan inline runs, and do-not-contact holds for it too")
    func inlinePlan() throws {
        let scenario = """
            scenario: An inline plan
            plan:
              person: {id: lou, name: Lou Green}
              plan: {agreed: 2026-01-01, review_by: 2027-01-01}
              early_warning_signs:
                - {id: quiet, says: I go quiet, stage: early}
              responses:
                early:
                  - {by: me, do: Sit with me in silence}
              contacts:
                - {id: max, name: Max Green, phone: "07700 900333"}
              contact_routes:
                early: [max]
              do_not_contact:
                - {id: ray, name: Ray Green, roles: [nearest_relative]}
            steps:
              - at: 2026-11-24T10:00:00Z
                signs: [I go quiet]
                facts: {mha_application: section_2}
                expect:
                  stage: early
                  first_response: Sit with me
                  contacts: [max]
                  contacts_exclude: [ray]
                  conflicts: [nearest_relative]

            """
        let broken = scenario.replacingOccurrences(of: "early: [max]", with: "early: [max, ray]")
        let library = try TemporaryLibrary(["inline.yaml": scenario, "broken/inline.yaml": broken])
        defer { library.remove() }
        let result = try CommandRunner.run(["test", library.root + "/inline.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout == "1 passed, 0 failed\n")
        let check = try CommandRunner.run(["check", library.root + "/broken/inline.yaml"])
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "inline.yaml:13:18: error: 'ray' (Ray Green) is on the do-not-contact list and cannot be in a contact route"
            ))
    }

    @Test("a misspelt key in a step is named as a step's key, with a suggestion")
    func misspeltStepKey() throws {
        let library = try TemporaryLibrary([
            "k.yaml": "scenario: k\nperson: sam\nsteps:\n  - at: 2026-11-24T10:00:00Z\n    expected: {stage: early}\n"
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["check", library.root + "/k.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("k.yaml:5:5: error: unknown key 'expected' in step; did you mean 'expect'?\n"))
    }

    @Test("test --junit makes its folder and always writes the file: an unreadable scenario is a failing case")
    func junitAlwaysWritten() throws {
        let library = try TemporaryLibrary([
            "bad.yaml": "scenario: x\nperson: nobody\nsteps:\n  - at: 2026-11-24T10:00:00Z\n    expect: {stage: well}\n"
        ])
        defer { library.remove() }
        let junit = library.root + "/build/deep/junit.xml"
        let result = try CommandRunner.run([
            "test", library.root + "/bad.yaml", "Scenarios/01-sam-weekend-escalates.yaml", "--junit", junit,
        ])
        #expect(result.status == 2)
        #expect(result.stdout.hasSuffix("3 passed, 1 failed\n"))
        #expect(result.stderr.contains("unknown person 'nobody'"))
        let counter = JUnitCounter()
        let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: junit)))
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.testcases == 4)
        #expect(counter.failures == 1)
    }

    @Test("a trainee's session with answers piped on stdin: choices, feedback, score last")
    func train() throws {
        let result = try CommandRunner.run(
            ["train", "Scenarios/01-sam-weekend-escalates.yaml"], stdin: "2\nseven\n2\n1\n")
        #expect(result.status == 0)
        let out = result.stdout
        #expect(out.contains("What does Sam's plan say to do first?\n1. "))
        #expect(out.contains("Your answer (1-4): 2\nRight."))
        #expect(out.contains("Please type a number from 1 to 4."))
        #expect(out.hasSuffix("Score: 3 of 3\n"))
        // Why anyone on the do-not-contact list is never the one to call, with each step's why.
        #expect(out.contains("  Do not contact: Mark Taylor — "), "\(out)")
        #expect(!out.contains("\u{1B}["))
        // Nothing from a later step is shown before the trainee answers this one.
        let firstAnswer = try #require(out.range(of: "Your answer (1-4): 2"))
        #expect(!out[..<firstAnswer.lowerBound].contains("has not eaten"))
    }

    @Test("training never says a bare stage when something typed was not understood; why starts as the answer does")
    func trainFromRecognisedSignsOnly() throws {
        let typed = try CommandRunner.run(["train", "Scenarios/51-dee-typed-od.yaml"], stdin: "1\n")
        #expect(typed.status == 0)
        #expect(typed.stdout.contains("Well — from recognised signs only"))
        #expect(!typed.stdout.contains(". Well\n"))
        #expect(!typed.stdout.contains("The engine's answer: Well\n"))
        #expect(typed.stdout.contains("  Stage: Well — from recognised signs only ("))
        #expect(typed.stdout.contains("  Possible emergency: \"OD'd last night\""))
        // An emergency's header and first action, then the stage, lead the explanation.
        let emergency = try CommandRunner.run(["train", "Scenarios/19-sam-emergency-header.yaml"], stdin: "1\n")
        let why = try #require(emergency.stdout.range(of: "Why:\n"))
        #expect(emergency.stdout[why.upperBound...].hasPrefix("  EMERGENCY — "))
    }

    @Test("a plan with one response still gives a question with a wrong answer to choose")
    func trainNeverOneChoice() throws {
        let robin = try CommandRunner.run(["train", "Scenarios/21-robin-minimal-plan.yaml"], stdin: "1\n")
        #expect(robin.status == 0)
        #expect(robin.stdout.contains("Nothing is agreed for this stage - ask the person what helps\nYour answer (1-2): "))
        #expect(!robin.stdout.contains("(1-1)"))
    }

    @Test("a trainee who stops early is scored on what was asked")
    func trainEndOfInput() throws {
        let result = try CommandRunner.run(["train", "Scenarios/01-sam-weekend-escalates.yaml"], stdin: "1\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("No answer given; stopping here."))
        #expect(result.stdout.hasSuffix("Score: 0 of 1\n"))
    }
}

/// Counts JUnit elements with Foundation's XML parser (independent of our writer).
final class JUnitCounter: NSObject, XMLParserDelegate {
    var testcases = 0
    var failures = 0
    var suiteAttributes: [String: String] = [:]

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String]
    ) {
        switch name {
        case "testcase": testcases += 1
        case "failure": failures += 1
        case "testsuite": suiteAttributes = attributes
        default: break
        }
    }
}
