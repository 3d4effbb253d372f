import Foundation
import Testing

/// `crisisplan analyze` on a library with one planted defect for each finding code: each is
/// found at its line — and a clean library gives none.
@Suite("crisisplan analyze finds what no scenario shows")
struct AnalyzeCommandTests {
    static let policy = """
        stages:
          - id: well
            label: Well
          - id: early
            label: Early
          - id: crisis
            label: Crisis
          - id: beyond
            label: Beyond
        facts:
          - id: abuse
            type: enum
            values: [none, suspected, disclosed]
            default: none
          - id: harm_source
            type: contact
            asks: Who is causing the harm?
          - id: spare
            type: bool
        flags:
          - id: s42
            kind: safeguarding
            title: Safeguarding
            basis: Care Act 2014 s42(1)
            when: {all: [{fact: abuse, is: none}, {fact: abuse, is: disclosed}]}
            permits: Raising a concern.
            must_record: [what was shared]
            effects:
              withhold_contact_named_by: harm_source
          - id: always
            kind: capacity
            title: Always
            basis: A test
            when: {fact: abuse, at_most: disclosed}
            permits: Nothing.
            must_record: [nothing]
          - id: call
            kind: emergency
            title: Emergency
            basis: Duty of care
            when: {fact: abuse, is: disclosed}
            permits: Calling.
            must_record: [the call]
        escalation:
          - id: dead
            when: {all: [{fact: abuse, is: suspected}, {fact: abuse, is: none}]}
            raise_to: crisis
          - id: idle
            when: {stage: {at_least: crisis}}
            raise_to: crisis
        prompts:
          - id: never
            ask: harm_source
            when: {all: [{fact: abuse, is: none}, {not: {fact: abuse, is: none}}]}
            because: A test.
        decisions:
          - id: admission
          - id: unused-one

        """

    static let plan = """
        person:
          id: sam
          name: Sam Taylor
        plan:
          agreed: 2026-09-14
          review_by: 2027-03-14
        early_warning_signs:
          - id: sleep-loss
            says: I stop sleeping
            stage: early
          - {id: voices, says: I hear voices, stage: crisis}
        responses:
          early:
            - by: me
              do: Walk the dog
        contacts:
          - id: jo
            name: Jo Taylor
            phone: "ask reception"
          - id: team
            name: Community team
            phone: "0300 555 0100"
            professional: true
          - id: day
            name: Day service
            phone: "0300 555 0101"
            professional: true
            hours: "Mon-Fri 09:00-17:00"
          - id: ash
            name: Ash Taylor
            phone: "07700 900124"
        contact_routes:
          early: [jo]
          crisis: [day]
          beyond: [team]
        advance_decisions:
          refusals:
            - treatment: admission
              signed: true

        """

    @Test("a condition naming a stage above the top, a value past an enum's top or an undeclared decision never holds: flag-never-fires, exit 1 — not a refusal to read the policy")
    func namesNothing() throws {
        let policy = """
            stages:
              - id: well
                label: Well
              - id: crisis
                label: Crisis
            facts:
              - id: abuse
                type: enum
                values: [none, suspected, disclosed]
                default: none
            decisions:
              - id: admission
                label: Going into hospital
            flags:
              - id: beyond-top
                kind: statutory
                title: Beyond the top
                basis: A test
                when: {stage: {at_least: emergency}}
                permits: Nothing.
                must_record: [nothing]
              - id: past-enum
                kind: statutory
                title: Past the enum
                basis: A test
                when: {fact: abuse, at_least: purple}
                permits: Nothing.
                must_record: [nothing]
              - id: undeclared
                kind: capacity
                title: Undeclared decision
                basis: A test
                when: {capacity: {decision: medication, status: lacks}}
                permits: Nothing.
                must_record: [nothing]
            escalation:
              - id: raise
                when: {fact: abuse, is: disclosed}
                raise_to: crisis

            """
        let library = try TemporaryLibrary(["Rules/policy/a.yaml": policy])
        defer { library.remove() }
        let result = try CommandRunner.run(["analyze"], in: library.root)
        #expect(result.status == 1, "\(result.stderr)")
        for flag in ["beyond-top", "past-enum", "undeclared"] {
            #expect(
                result.stdout.contains("error: flag '\(flag)' can never fire: no state satisfies its condition"),
                "\(flag): \(result.stdout) \(result.stderr)")
        }
        // Any other check error is still a reason to stop: fix it first.
        let broken = try TemporaryLibrary(["Rules/policy/a.yaml": policy.replacingOccurrences(of: "raise_to: crisis", with: "raise_to: nowhere")])
        defer { broken.remove() }
        #expect(try CommandRunner.run(["analyze"], in: broken.root).status == 2)
    }

    @Test("one planted defect per code, each found at its line; exit 1 on the errors")
    func planted() throws {
        let library = try TemporaryLibrary(["Rules/policy/a.yaml": Self.policy, "Rules/people/sam.yaml": Self.plan])
        defer { library.remove() }
        let result = try CommandRunner.run(["analyze"], in: library.root)
        #expect(result.status == 1, "\(result.stderr)")
        let expected = [
            "Rules/policy/a.yaml:25:11: error: flag 's42' can never fire: no state satisfies its condition; correct the values or the comparison in 'when' [flag-never-fires]",
            "Rules/policy/a.yaml:29:34: error: flag 's42' withholds whoever 'harm_source' names, but 'harm_source' is not 'source_of_harm: true', so they return to the route when the flag stops; mark the fact [withholding-without-source-of-harm]",
            "Rules/policy/a.yaml:34:11: warning: flag 'always' fires for every state; if that is meant, say so with '# analyze: accept', else narrow 'when' [flag-always-fires]",
            "Rules/policy/a.yaml:37:5: error: emergency flag 'call' adds no one to call; add 'effects: add_contacts' (999) [emergency-without-contact]",
            "Rules/policy/a.yaml:37:5: warning: emergency flag 'call' has no 'first_action' for the EMERGENCY header; add one, like \"Call 999 for an ambulance now\" [emergency-without-first-action]",
            "Rules/policy/a.yaml:46:11: error: escalation rule 'dead' can never hold; correct its 'when' [rule-never-fires]",
            "Rules/policy/a.yaml:48:5: warning: escalation rule 'idle' holds only when the stage is already 'crisis' or above; it never raises it — remove it or widen 'when' [rule-has-no-effect]",
            "Rules/policy/a.yaml:54:11: error: prompt 'never' can never open: no state satisfies its condition; correct its 'when' [prompt-never-opens]",
            "Rules/policy/a.yaml:8:5: warning: stage 'beyond' is reached by no sign of any plan, no escalation rule and no flag; give it a rule or remove it [stage-unreachable]",
            "Rules/policy/a.yaml:18:5: warning: fact 'spare' is declared and never read by a flag, rule, prompt or red flag; remove it or use it [fact-unused]",
            "Rules/policy/a.yaml:58:5: warning: decision 'unused-one' is declared and never read by a condition, a flag, a refusal or an attorney; remove it or use it [decision-unused]",
            "Rules/people/sam.yaml:2:3: warning: Sam Taylor's plan has no responses for 'crisis'; ask them what helps then [stage-without-responses]",
            "Rules/people/sam.yaml:2:3: info: Sam Taylor's plan has no advance statements; a complete crisis plan has it — add it with them [plan-missing]",
            // A professional, but no one who answers at any hour.
            "Rules/people/sam.yaml:2:3: info: Sam Taylor's plan has no professionals and 24-hour access; a complete crisis plan has it — add it with them [plan-missing]",
            "Rules/people/sam.yaml:17:5: warning: Jo Taylor's phone 'ask reception' is not one telephone number; write only the number [phone-not-a-number]",
            "Rules/people/sam.yaml:20:5: warning: Community team is a professional on the 'beyond' route without 'hours'; say when they answer [professional-contact-without-hours]",
            "Rules/people/sam.yaml:29:5: info: Ash Taylor is on no contact route; add them to a stage's route or say why not [contact-not-on-any-route]",
            "Rules/people/sam.yaml:34:3: warning: at 'crisis' no one on Sam Taylor's route is open on Monday 00:00, and no flag surely adds a 24-hour contact then; add a 24-hour contact to the 'crisis' route, or hours that cover the whole week [no-open-route]",
        ]
        let lines = result.stdout.split(separator: "\n").map(String.init)
        for line in expected { #expect(lines.contains(line), "\(line)") }
        // 'beyond' is unreachable: reported once as such, never as a stage without responses.
        #expect(!lines.contains { $0.contains("has no responses for 'beyond'") })
        #expect(lines.last == "19 findings: 5 errors, 10 warnings, 4 info")
        let json = try CommandRunner.run(["analyze", "--json"], in: library.root)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["errors"] as? Int ?? 0) >= 4)
    }

    static let cleanPolicy = """
        stages:
          - id: well
            label: Well
          - id: early
            label: Early
          - id: crisis
            label: Crisis
        facts:
          - id: abuse
            type: enum
            values: [none, suspected, disclosed]
            default: none
          - id: harm_source
            type: contact
            source_of_harm: true
            asks: Who is causing the harm?
        flags:
          - id: s42
            kind: safeguarding
            title: Safeguarding
            basis: Care Act 2014 s42(1)
            when: {fact: abuse, at_least: suspected}
            permits: Raising a concern.
            must_record: [what was shared]
            effects:
              withhold_contact_named_by: harm_source
          - id: call
            kind: emergency
            title: Emergency
            basis: Duty of care
            first_action: Call 999 now
            when: {fact: abuse, is: disclosed}
            permits: Calling.
            must_record: [the call]
            effects:
              add_contacts:
                - {id: amb, name: Ambulance, phone: "999", professional: true, hours: 24h}
        escalation:
          - id: disclosed
            when: {fact: abuse, is: disclosed}
            raise_to: crisis
        prompts:
          - id: who
            ask: harm_source
            when: {fact: abuse, at_least: suspected}
            because: Ask who before calling anyone.

        """

    static let cleanPlan = """
        person:
          id: sam
          name: Sam Taylor
        plan:
          agreed: 2026-09-14
          review_by: 2027-03-14
        early_warning_signs:
          - id: sleep-loss
            says: I stop sleeping
            stage: early
        responses:
          early:
            - by: me
              do: Walk the dog
          crisis:
            - by: me
              do: Ring Jo
        when_unwell:
          take_care_of: [Feed the dog]
        contacts:
          - id: jo
            name: Jo Taylor
            phone: "07700 900123"
          - id: team
            name: Community team
            phone: "0300 555 0100"
            professional: true
            hours: 24h
          # analyze: accept contact-not-on-any-route — Ash is a friend Sam may ask for, not one to call
          - id: ash
            name: Ash Taylor
            phone: "07700 900124"
        contact_routes:
          early: [jo]
          crisis: [team, jo]
        advance_decisions:
          statements: [I would like Willow Ward]

        """

    @Test("a clean library gives no error or warning, even with --strict; an accepted finding is information with its reason")
    func clean() throws {
        let library = try TemporaryLibrary(["Rules/policy/a.yaml": Self.cleanPolicy, "Rules/people/sam.yaml": Self.cleanPlan])
        defer { library.remove() }
        let result = try CommandRunner.run(["analyze", "--strict"], in: library.root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stdout == """
                Rules/people/sam.yaml:30:5: info [accepted]: Ash Taylor is on no contact route; add them to a stage's route or say why not — Ash is a friend Sam may ask for, not one to call [contact-not-on-any-route]
                1 findings: 0 errors, 0 warnings, 1 info

                """)
    }

    @Test("an accept comment with no reason accepts nothing: the finding stays, saying what is missing", arguments: ["", " —", " –", " :", " .", " —\t"])
    func acceptWithoutReason(trailing: String) throws {
        let line = try #require(Self.cleanPlan.split(separator: "\n", omittingEmptySubsequences: false).first { $0.contains("# analyze: accept contact-not-on-any-route") })
        let bare = line.prefix { $0 == " " } + "# analyze: accept contact-not-on-any-route" + trailing
        let plan = Self.cleanPlan.replacingOccurrences(of: String(line), with: bare)
        #expect(plan != Self.cleanPlan)
        let library = try TemporaryLibrary(["Rules/policy/a.yaml": Self.cleanPolicy, "Rules/people/sam.yaml": plan])
        defer { library.remove() }
        let result = try CommandRunner.run(["analyze"], in: library.root)
        #expect(
            result.stdout.contains(
                "Rules/people/sam.yaml:30:5: info: Ash Taylor is on no contact route; add them to a stage's route or say why not (the '# analyze: accept contact-not-on-any-route' above it gives no reason, so it does not accept it: write why after '—') [contact-not-on-any-route]"
            ), "\(result.stdout)")
        #expect(!result.stdout.contains("[accepted]"))
    }

    @Test("a file saved with Windows line ends is accepted as any other")
    func acceptWithCRLF() throws {
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": Self.cleanPolicy, "Rules/people/sam.yaml": Self.cleanPlan.replacingOccurrences(of: "\n", with: "\r\n"),
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["analyze", "--strict"], in: library.root)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("info [accepted]: Ash Taylor is on no contact route; add them to a stage's route or say why not — Ash is a friend Sam may ask for, not one to call [contact-not-on-any-route]"), "\(result.stdout)")
    }
}
