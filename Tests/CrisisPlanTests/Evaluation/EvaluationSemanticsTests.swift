import Testing

@testable import CrisisPlan

/// SPEC §3 "Time, exactly", "Evaluation order" and §6 contact assembly, case by case, on a
/// small policy whose names are not the shipped ones.
@Suite("Evaluation semantics")
struct EvaluationSemanticsTests {
    static let policy = """
        stages:
          - {id: green, label: Green}
          - {id: amber, label: Amber}
          - {id: red, label: Red}
          - {id: black, label: Black}
        signs_active_for: 10h
        capacity_valid_for: 2h
        facts:
          - {id: danger, type: enum, values: [low, mid, top]}
          - {id: alarm, type: bool}
          - {id: culprit, type: contact}
        escalation:
          - id: amber-pair
            when: {signs: {at_least: 2, stage: amber, within: 5h}}
            raise_to: red
          - id: red-to-black-when-top
            when: {all: [{stage: {at_least: red}}, {fact: danger, is: top}]}
            raise_to: black
        flags:
          - id: alarm-flag
            kind: emergency
            title: Alarm
            basis: Test Act s1
            when: {fact: alarm, is: true}
            permits: Anything needed.
            must_record: [what]
            effects:
              raise_to: red
              add_contacts:
                - {id: svc, name: Service, phone: "0300 555 0123"}
                - {id: x-dad, name: "  PAT  parent ", phone: "07700 900555"}
          - id: culprit-flag
            kind: safeguarding
            title: Culprit named
            basis: Test Act s2
            when: {fact: danger, at_least: mid}
            permits: Withholding.
            must_record: [who]
            effects:
              withhold_contact_named_by: culprit
              consult_roles: [guardian, keeper]
          - id: cap-flag
            kind: capacity
            title: Capacity
            basis: Test Act s3
            when: {any: [{capacity: {status: lacks, decision: money}}, {capacity: {status: lacks, decision: home}}]}
            permits: Deciding for those decisions.
            must_record: [which]
          - id: cy-named
            kind: safeguarding
            title: Cy or Pat named
            basis: Test Act s4
            when: {fact: culprit, in: [cy, dad]}
            permits: Telling the team.
            must_record: [when]

        """

    static let plan = """
        person: {id: ann, name: Ann Lee}
        plan: {agreed: 2026-01-01, review_by: 2027-01-01}
        early_warning_signs:
          - {id: a1, says: First amber, stage: amber}
          - {id: a2, says: Second amber, stage: amber}
          - {id: r1, says: A red one, also: [Red  Thing], stage: red}
        responses:
          amber:
            - {by: me, do: Amber one}
            - {by: me, do: Only with a2, for_signs: [a2]}
          red:
            - {by: me, do: Red one}
        contacts:
          - {id: bo, name: Bo, phone: "07700 900111", roles: [guardian]}
          - {id: cy, name: Cy, phone: "07700 900112"}
        contact_routes:
          amber: [bo, cy]
          red: [cy, bo]
          black: [bo]
        do_not_contact:
          - {id: dad, name: Pat Parent, roles: [guardian]}

        """

    static func evaluator(extraPlan: String = "") throws -> Evaluator {
        let library = try TemporaryLibrary(["policy/p.yaml": policy, "people/ann.yaml": plan + extraPlan])
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(RulesDirectory(library.root), person: "ann", today: nil)
        return Evaluator(policy: policy, plan: plan)
    }

    static func time(_ text: String) -> Timestamp { Timestamp(parsing: "2026-11-24T\(text):00Z")! }

    static func observation(
        _ at: String, signs: [String] = [], resolved: [String] = [], facts: [String: String] = [:],
        capacity: [(String, CapacityStatus, String?)] = []
    ) -> Observation {
        let source = SourceLocation(file: "obs", line: 1)
        var observation = Observation(at: time(at), source: source)
        observation.signs = signs.map { SourcedText(text: $0, source: source) }
        observation.resolved = resolved.map { SourcedText(text: $0, source: source) }
        observation.facts = facts.sorted { $0.key < $1.key }.map {
            ObservedFact(fact: $0.key, value: $0.value, factSource: source, valueSource: source)
        }
        observation.capacity = capacity.map {
            CapacityAssessment(
                decision: $0.0, status: $0.1, assessedAt: $0.2.map(time) ?? time(at), source: source)
        }
        return observation
    }

    @Test("a sign is active for exactly signs_active_for, and observing it again restarts its clock")
    func signWindow() throws {
        let evaluator = try Self.evaluator()
        let seen = [Self.observation("00:00", signs: ["a1"])]
        #expect(try evaluator.evaluate(seen, now: Self.time("10:00")).stage.id == "amber")
        #expect(try evaluator.evaluate(seen, now: Self.time("10:01")).stage.id == "green")
        let again = seen + [Self.observation("09:00", signs: ["first AMBER"])]
        #expect(try evaluator.evaluate(again, now: Self.time("18:00")).stage.id == "amber")
    }

    @Test("resolved applies after signs in the same observation, and until the sign is seen again")
    func resolved() throws {
        let evaluator = try Self.evaluator()
        let same = [Self.observation("00:00", signs: ["r1"], resolved: ["r1"])]
        #expect(try evaluator.evaluate(same, now: Self.time("01:00")).stage.id == "green")
        let later = same + [Self.observation("02:00", signs: ["red thing"])]
        #expect(try evaluator.evaluate(later, now: Self.time("03:00")).stage.id == "red")
    }

    @Test("signs within: only signs last observed inside the window count toward escalation")
    func escalationWithin() throws {
        let evaluator = try Self.evaluator()
        let apart = [Self.observation("00:00", signs: ["a1"]), Self.observation("06:00", signs: ["a2"])]
        let answer = try evaluator.evaluate(apart, now: Self.time("06:00"))
        #expect(answer.stage.id == "amber")
        let close = [Self.observation("02:00", signs: ["a1"]), Self.observation("06:00", signs: ["a2"])]
        let raised = try evaluator.evaluate(close, now: Self.time("06:00"))
        #expect(raised.stage.id == "red")
        #expect(raised.stage.because.last?.hasPrefix("raised to red by escalation rule 'amber-pair'") == true)
        #expect(raised.ownResponses.map(\.action) == ["Red one"])
    }

    @Test("a flag's raise_to runs escalation again: the fixed point reaches a stage neither reaches alone")
    func fixedPoint() throws {
        let evaluator = try Self.evaluator()
        let answer = try evaluator.evaluate(
            [Self.observation("00:00", facts: ["alarm": "true", "danger": "top"])], now: Self.time("00:00"))
        #expect(answer.stage.id == "black")
        #expect(
            answer.stage.because == [
                "no active early warning signs", "raised to red by flag 'alarm-flag'",
                "raised to black by escalation rule 'red-to-black-when-top': stage is red (at_least red); danger is top (observed 2026-11-24T00:00:00Z)",
            ])
        #expect(answer.flags.map(\.id) == ["alarm-flag", "culprit-flag"])
    }

    @Test("a raise_to below the current stage does nothing: the stage never falls")
    func neverFalls() throws {
        let evaluator = try Self.evaluator()
        let answer = try evaluator.evaluate(
            [Self.observation("00:00", signs: ["r1"], facts: ["alarm": "true", "danger": "top"])],
            now: Self.time("00:00"))
        #expect(answer.stage.id == "black")
    }

    @Test("for_signs responses show only while one of their signs is active")
    func gatedResponses() throws {
        let evaluator = try Self.evaluator()
        let one = try evaluator.evaluate([Self.observation("00:00", signs: ["a1"])], now: Self.time("00:00"))
        #expect(one.ownResponses.map(\.action) == ["Amber one"])
        let two = try evaluator.evaluate([Self.observation("00:00", signs: ["a2"])], now: Self.time("00:00"))
        #expect(two.ownResponses.map(\.action) == ["Amber one", "Only with a2"])
    }

    @Test(
        "contacts: emergency-flag contacts first, then the route minus do-not-contact and withheld, then other flag contacts; blocked additions become conflicts"
    )
    func contacts() throws {
        let evaluator = try Self.evaluator()
        let answer = try evaluator.evaluate(
            [Self.observation("00:00", signs: ["r1"], facts: ["alarm": "true", "danger": "mid", "culprit": "bo"])],
            now: Self.time("00:00"))
        #expect(answer.stage.id == "red")
        #expect(answer.contacts.map(\.id) == ["svc", "cy"])
        #expect(answer.contacts.map(\.statutory) == [true, false])
        #expect(answer.withheld.map(\.id) == ["bo"])
        #expect(answer.conflicts.map(\.role) == ["added_contact", "guardian", "guardian"])
        #expect(answer.conflicts.map(\.name) == ["  PAT  parent ", "Bo", "Pat Parent"])
        #expect(answer.warnings.map(\.code) == [.roleNotRecorded])
        #expect(answer.warnings.first?.message.contains("keeper") == true)
    }

    @Test("a condition on a contact fact compares the id of the entry its latest value names, by id or by name")
    func contactFactCondition() throws {
        let evaluator = try Self.evaluator()
        for (value, id) in [("cy", "cy"), ("CY", "cy"), (" cy ", "cy"), ("Pat Parent", "dad"), ("pat  PARENT", "dad")] {
            let answer = try evaluator.evaluate(
                [Self.observation("00:00", facts: ["culprit": value])], now: Self.time("00:00"))
            #expect(answer.flags.map(\.id) == ["cy-named"], "\(value)")
            #expect(answer.flags.first?.because == ["culprit is \(id) (observed 2026-11-24T00:00:00Z)"], "\(value)")
        }
        for value in ["bo", "Bo", "someone-else"] {
            let answer = try evaluator.evaluate(
                [Self.observation("00:00", facts: ["culprit": value])], now: Self.time("00:00"))
            #expect(answer.flags.isEmpty, "\(value)")
        }
        let later = try evaluator.evaluate(
            [Self.observation("00:00", facts: ["culprit": "cy"]), Self.observation("01:00", facts: ["culprit": "bo"])],
            now: Self.time("01:00"))
        #expect(later.flags.isEmpty)
    }

    @Test("a withheld person is withheld even when not on this stage's route")
    func withheldOffRoute() throws {
        let evaluator = try Self.evaluator()
        let answer = try evaluator.evaluate(
            [Self.observation("00:00", facts: ["danger": "mid", "culprit": "dad"])], now: Self.time("00:00"))
        #expect(answer.stage.id == "green")
        #expect(answer.withheld.map(\.id) == ["dad"])
        #expect(answer.contacts.isEmpty)
    }

    @Test("capacity: only the latest assessment per decision counts, and not once stale")
    func capacityLatestAndStale() throws {
        let evaluator = try Self.evaluator()
        let flipped = [
            Self.observation("00:00", capacity: [("money", .lacks, nil)]),
            Self.observation("01:00", capacity: [("money", .has, nil), ("home", .lacks, nil)]),
        ]
        let answer = try evaluator.evaluate(flipped, now: Self.time("01:30"))
        #expect(answer.flags.map(\.id) == ["cap-flag"])
        #expect(answer.flags.first?.decisions == ["home"])
        let stale = try evaluator.evaluate(flipped, now: Self.time("03:01"))
        #expect(stale.flags.isEmpty)
        #expect(stale.warnings.map(\.code) == [.capacityAssessmentStale])
        // The latest by assessed_at, not by when it was reported.
        let backdated = [
            Self.observation("01:00", capacity: [("money", .lacks, "01:00")]),
            Self.observation("02:00", capacity: [("money", .has, "00:30")]),
        ]
        #expect(try evaluator.evaluate(backdated, now: Self.time("02:00")).flags.first?.decisions == ["money"])
        // Two assessments of one decision in one observation: the later counts, in either order.
        let pairs: [[(String, CapacityStatus, String?)]] = [
            [("money", .lacks, "00:30"), ("money", .has, "01:00")], [("money", .has, "01:00"), ("money", .lacks, "00:30")],
        ]
        for pair in pairs {
            #expect(try evaluator.evaluate([Self.observation("01:00", capacity: pair)], now: Self.time("01:30")).flags.isEmpty)
        }
        let latestLacks: [(String, CapacityStatus, String?)] = [("money", .has, "00:30"), ("money", .lacks, "01:00")]
        #expect(
            try evaluator.evaluate([Self.observation("01:00", capacity: latestLacks)], now: Self.time("01:30")).flags.first?
                .decisions == ["money"])
    }

    @Test("an assessment is kept under the decision as the plan writes it, whatever equivalent spelling was typed")
    func capacityKeptUnderThePlansSpelling() throws {
        // A refused treatment is a decision; "\u{212A}" (the Kelvin sign) is canonically "K".
        let evaluator = try Self.evaluator(
            extraPlan: "advance_decisions:\n  refusals:\n    - {treatment: Ketamine, made: 2025-01-15, signed: true}\n")
        for typed in ["Ketamine", "\u{212A}etamine"] {
            let answer = try evaluator.evaluate(
                [Self.observation("00:00", capacity: [(typed, .lacks, nil)])], now: Self.time("03:01"))
            let stale = answer.warnings.filter { $0.code == .capacityAssessmentStale }.map(\.message)
            #expect(stale.count == 1)
            #expect(stale.allSatisfy { Array($0.utf8).starts(with: Array("the assessment that Ann Lee lacks capacity for 'Ketamine'".utf8)) }, "\(stale)")
        }
    }

    @Test("an observation after now is ignored, with a warning")
    func futureObservation() throws {
        let evaluator = try Self.evaluator()
        let answer = try evaluator.evaluate([Self.observation("05:00", signs: ["r1"])], now: Self.time("04:00"))
        #expect(answer.stage.id == "green")
        #expect(answer.warnings.map(\.code) == [.futureObservation])
    }

    @Test("facts persist until observed again; someone-else names no one, and earlier names stay withheld")
    func factsPersist() throws {
        let evaluator = try Self.evaluator()
        let answer = try evaluator.evaluate(
            [
                Self.observation("00:00", facts: ["danger": "mid", "culprit": "cy"]),
                Self.observation("01:00", facts: ["culprit": "someone-else"]),
            ], now: Self.time("02:00"))
        #expect(answer.flags.map(\.id) == ["culprit-flag"])
        #expect(answer.withheld.map(\.id) == ["cy"])
        #expect(!answer.contacts.contains { $0.id == "cy" })
        #expect(answer.warnings.map(\.code) == [.roleNotRecorded])
    }

    @Test("a contact fact naming no one in the plan is bad input, with the closest ids and names")
    func contactFactStranger() throws {
        let evaluator = try Self.evaluator()
        #expect {
            try evaluator.evaluate([Self.observation("00:00", facts: ["culprit": "Cyy"])], now: Self.time("00:00"))
        } throws: { error in
            let message = (error as? DiagnosticList)?.diagnostics.first?.message ?? ""
            return message.hasPrefix("fact 'culprit' names 'Cyy', who is not among Ann Lee's contacts")
                && message.contains("write someone-else for a person not in the plan")
                && message.hasSuffix("did you mean 'cy' (Cy)?")
        }
    }

    @Test("a withheld attorney cannot act and becomes a conflict, never a contact")
    func withheldAttorney() throws {
        let evaluator = try Self.evaluator(extraPlan: "attorney: {contact: bo, type: health_and_welfare, registered: true}\n")
        let lacks = Self.observation("00:00", signs: ["a1"], capacity: [("home", .lacks, nil)])
        let acting = try evaluator.evaluate([lacks], now: Self.time("00:00"))
        #expect(acting.attorney?.canAct == true)
        #expect(acting.contacts.map(\.id) == ["bo", "cy"])
        let named = Self.observation("00:30", facts: ["danger": "mid", "culprit": "bo"])
        let answer = try evaluator.evaluate([lacks, named], now: Self.time("01:00"))
        #expect(answer.attorney?.canAct == false)
        #expect(answer.contacts.map(\.id) == ["cy"])
        #expect(answer.conflicts.filter { $0.role == "attorney" }.map(\.name) == ["Bo"])
    }

    @Test("every reason, message and source line is written word for word: plurals, windows, times, quotes")
    func reasonsWordForWord() throws {
        let evaluator = try Self.evaluator()
        let close = [
            Self.observation("02:00", signs: ["a1", "zzz"]),
            Self.observation("06:00", signs: ["a2"], facts: ["danger": "top"], capacity: [("money", .lacks, "05:00")]),
        ]
        let answer = try evaluator.evaluate(close, now: Self.time("06:00"))
        #expect(
            answer.stage.because == [
                "active signs of stage amber: a1, a2",
                "raised to red by escalation rule 'amber-pair': 2 active signs of stage amber within 5h: a1, a2",
                "raised to black by escalation rule 'red-to-black-when-top': stage is red (at_least red); danger is top (observed 2026-11-24T06:00:00Z)",
            ])
        let capacity = answer.flags.first { $0.id == "cap-flag" }
        #expect(capacity?.because == ["assessed as lacking capacity for the decision 'money' at 2026-11-24T05:00:00Z"])
        let unknown = answer.warnings.first { $0.code == .unknownSign }
        #expect(
            unknown?.message
                == "'zzz' matches none of Ann Lee's early warning signs; it is recorded, not taken as all clear")
        #expect(unknown?.source == "obs:1")
        let one = try evaluator.evaluate([Self.observation("00:00", signs: ["a1"])], now: Self.time("00:00"))
        #expect(one.stage.because == ["active sign of stage amber: a1"])
    }
}

/// An unrecognised text's suggestions and red flags are worked out once per plan and text,
/// and answering again — as the page does with every earlier observation — gives the same
/// warnings, however many different texts came before.
@Suite("unrecognised texts are remembered per plan")
struct UnrecognisedMemoTests {
    @Test("the same warnings the first time, the second time, and after more texts than the memo holds")
    func sameWarnings() throws {
        let evaluator = try ShippedRules.evaluator("sam")
        let texts = ["cant sleep", "took an overdose", "not eating, cant sleep"]
        func warnings() throws -> [AnswerWarning] {
            try evaluator.evaluate([try ShippedRules.observation(signs: texts)], now: ShippedRules.now).warnings
        }
        let first = try warnings()
        #expect(first.contains { $0.code == .unknownSign && $0.observed == "cant sleep" && !$0.suggestions.isEmpty })
        #expect(first.contains { $0.code == .possibleEmergency })
        #expect(try warnings() == first)
        // Each text's suggestions are in the plan's memo, as the first answer gave them.
        let context = evaluator.context
        let cantSleep = try #require(first.first { $0.observed == "cant sleep" })
        let entry = context.memo.withLock { $0.entry(for: context.policy.unrecognised("cant sleep").serial) }
        #expect(entry.map { entry in (0..<entry.count).map { context.signIds[entry[$0]] } } == cantSleep.suggestions)
        // More distinct texts than the memo holds: older ones give way, and answers do not change.
        for number in 0...EvaluationContext.memoLimit {
            _ = try evaluator.evaluate([try ShippedRules.observation(signs: ["noise \(number)"])], now: ShippedRules.now)
        }
        #expect(try warnings() == first)
    }
}
