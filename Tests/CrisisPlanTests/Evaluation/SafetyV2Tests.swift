import Foundation
import Testing

@testable import CrisisPlan

/// SPEC v2's safety changes (§3, §4, §6), case by case, on a policy and plan of our own — each
/// a reproduction from issue 7 or 9 that gave a wrong answer before v2.
@Suite("Safety v2: names, signs, decisions, attorneys, refusals, emergencies")
struct SafetyV2Tests {
    static let policy = """
        stages:
          - {id: well, label: Well}
          - {id: early, label: Early warning signs}
          - {id: crisis, label: Crisis}
          - {id: emergency, label: Emergency}
        facts:
          - {id: abuse, type: enum, values: [none, suspected, disclosed]}
          - {id: harm_source, type: contact, source_of_harm: true}
          - {id: life_at_risk, type: bool}
          - {id: detained, type: enum, values: [none, section_3, section_136]}
        decisions:
          - {id: admission, label: Admission to hospital, deprivation_of_liberty: true}
          - {id: haloperidol, treatment: haloperidol, for_mental_disorder: true}
          - {id: ect, label: Electroconvulsive therapy, treatment: ECT, for_mental_disorder: true}
          - {id: ventilation, treatment: ventilation, life_sustaining: true}
          - {id: dental-care, treatment: dental care}
        flags:
          - id: safeguarding
            kind: safeguarding
            title: Adult safeguarding concern
            basis: Care and Support Statutory Guidance ch. 14
            when: {fact: abuse, at_least: suspected}
            permits: Raising a concern.
            must_record: [what was seen]
            effects:
              withhold_contact_named_by: harm_source
              add_contacts:
                - {id: la-team, name: Adult safeguarding team, phone: "0300 555 0199", professional: true}
          - id: part4
            kind: statutory
            title: Part 4 applies
            basis: Mental Health Act 1983 s56, s63
            when: {fact: detained, is: section_3}
            permits: Treatment for the mental disorder.
            must_record: [authority]
            effects: {mha_part4: true}
          - id: place-of-safety-under-18
            kind: statutory
            title: Under 18 - never a police station
            basis: Mental Health Act 1983 s136A
            when: {all: [{fact: detained, is: section_136}, {age: {under: 18}}]}
            permits: A place of safety that is not a police station.
            must_record: [where]
          - id: life
            kind: emergency
            title: Immediate risk to life
            basis: ECHR Art 2
            first_action: Call 999 for an ambulance now
            when: {any: [{fact: life_at_risk, is: true}, {stage: {at_least: emergency}}]}
            permits: Calling 999.
            must_record: [who was called]
            effects:
              raise_to: emergency
              add_contacts:
                - {id: ambulance, name: Ambulance, phone: "999", professional: true}

        """

    static let plan = """
        person:
          id: kit
          name: Kit Walker
          pronouns: they/them
          born: 2000-03-01
        plan:
          agreed: 2026-07-05
          review_by: 2027-01-05
        early_warning_signs:
          - {id: panic, says: My chest goes tight, also: [panic attacks], stage: early}
          - {id: self-harm, says: I start cutting again, stage: crisis}
          - {id: sleep-loss, says: I stop sleeping, also: [not sleeping], stage: early}
          - {id: voices, says: The voices get loud, also: [hearing voices], stage: crisis}
          - {id: overdose, says: I have taken too many tablets, stage: emergency}
        responses:
          early:
            - {by: me, do: Breathe along with the app}
          crisis:
            - {by: me, do: Go to my aunt's}
          emergency:
            - {by: me, do: Tell them what I took}
        contacts:
          - {id: lee, name: Lee Walker, relation: partner, phone: "07700 900654"}
          - {id: lee-work, name: "Lee Walker\\u200b", relation: partner (work phone), phone: "07700 900655"}
          - {id: aunt, name: Rosa Kemp, relation: aunt, phone: "07700 900987"}
          - {id: cmht, name: Community Mental Health Team, phone: "0300 555 0104", professional: true}
        contact_routes:
          early: [lee, aunt]
          crisis: [aunt, lee-work, cmht]
          emergency: [cmht]
        do_not_contact:
          - {name: Mark Taylor, relation: father, reason: I do not want him told anything.}

        """

    /// The plan decoded but not refused for `check` errors: it lists Lee twice on purpose
    /// (which `check` refuses), because evaluation must hold even for such a plan.
    static func evaluator(plan: String = plan, policy: String = policy) throws -> Evaluator {
        let library = try TemporaryLibrary(["policy/p.yaml": policy, "people/kit.yaml": plan])
        defer { library.remove() }
        let rules = RulesDirectory(library.root)
        let policy = try #require(RulesLoader.loadPolicy(rules).policy)
        let loaded = RulesLoader.load(rules.planPath(for: "kit")) { decoder, root in
            PlanFileDecoder(decoder: decoder).decode(root)
        }
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.summary))")
        return Evaluator(policy: policy, plan: try #require(loaded.value))
    }

    static let now = Timestamp(parsing: "2026-11-24T03:00:00Z")!

    static func answer(
        signs: [String] = [], facts: [String: String] = [:], capacity: [(String, CapacityStatus)] = [],
        plan: String = plan
    ) throws -> Answer {
        let source = SourceLocation(file: "<command line>", line: 1)
        var observation = Observation(at: now, source: source)
        observation.signs = signs.map { SourcedText(text: $0, source: source) }
        observation.facts = facts.sorted { $0.key < $1.key }.map {
            ObservedFact(fact: $0.key, value: $0.value, factSource: source, valueSource: source)
        }
        observation.capacity = capacity.map {
            CapacityAssessment(decision: $0.0, status: $0.1, assessedAt: now, source: source)
        }
        return try evaluator(plan: plan).evaluate([observation], now: now)
    }

    // MARK: Issue 7, finding 1: the alleged abuser by name

    @Test(
        "an alleged abuser named by id, name, any case or look-alike is withheld, never a contact",
        arguments: ["lee", "Lee", "LEE", "Lee Walker", "  lee   walker ", "Lee\u{200B} Walker", "L\u{435}e Walker"])
    func abuserByName(value: String) throws {
        let answer = try Self.answer(signs: ["panic"], facts: ["abuse": "suspected", "harm_source": value])
        #expect(answer.flags.map(\.id) == ["safeguarding"])
        #expect(Set(answer.withheld.compactMap(\.id)) == ["lee", "lee-work"])
        #expect(answer.contacts.map(\.id) == ["aunt", "la-team"])
    }

    @Test("someone-else: the fact is present, the flag fires, and no one in the plan is withheld")
    func someoneElse() throws {
        let answer = try Self.answer(signs: ["panic"], facts: ["abuse": "disclosed", "harm_source": "someone-else"])
        #expect(answer.flags.map(\.id) == ["safeguarding"])
        #expect(answer.withheld.isEmpty)
        #expect(answer.contacts.map(\.id) == ["lee", "aunt", "la-team"])
    }

    @Test("a do-not-contact entry without an id can be named, and is reported with a null id")
    func doNotContactByName() throws {
        let answer = try Self.answer(facts: ["abuse": "suspected", "harm_source": "mark taylor"])
        #expect(answer.withheld.map(\.name) == ["Mark Taylor"])
        #expect(answer.withheld.first?.id == nil)
        #expect(AnswerJSON.render(answer).contains(#""withheld":[{"id":null,"name":"Mark Taylor""#))
    }

    @Test("a contact fact naming no one in the plan is bad input with the closest people")
    func contactFactUnknown() throws {
        #expect {
            try Self.answer(facts: ["harm_source": "Leo"])
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.first?.message
                == "fact 'harm_source' names 'Leo', who is not among Kit Walker's contacts or do-not-contact list; name them by id or name, or write someone-else for a person not in the plan; did you mean 'lee' (Lee Walker)?"
        }
    }

    // MARK: Issue 7, finding 2: signs that are not quite the words

    @Test(
        "sign matching v2: hyphens, underscores, punctuation and Unicode forms",
        arguments: ["self harm", "Self-harm.", "self_harm", "SELF\u{2013}HARM!", "hearing voices.", "ｎｏｔ ｓｌｅｅｐｉｎｇ"])
    func signMatching(text: String) throws {
        let answer = try Self.answer(signs: [text])
        #expect(answer.warnings.isEmpty, "\(answer.warnings.map(\.message))")
        #expect(answer.stage.id != "well")
    }

    @Test(
        "an unrecognised sign is never read as all clear: suggestions, and the attention block",
        arguments: [
            ("not sleepin", ["sleep-loss"]),
            ("not sleeping, hearing voices", ["sleep-loss", "voices"]),
            ("voices hearing", ["voices"]),
            ("cutting", ["self-harm"]),
            ("the weather", []),
        ])
    func unknownSignSuggestions(text: String, expected: [String]) throws {
        let answer = try Self.answer(signs: [text])
        let warning = try #require(answer.warnings.first { $0.code == .unknownSign })
        #expect(warning.suggestions == expected)
        let rendered = AnswerText(color: false).render(answer)
        let top = rendered.components(separatedBy: "What Kit Walker has agreed helps")[0]
            .replacingOccurrences(of: "\n  ", with: " ")
        #expect(top.contains("Not recognised: \"\(text)\""))
        #expect(top.contains("The stage counts recognised signs"))
        #expect(AnswerJSON.render(answer).contains(#""suggestions":["# + expected.map { "\"\($0)\"" }.joined(separator: ",") + "]"))
    }

    // MARK: Issue 7, finding 3: the emergency at 3 a.m.

    @Test("an emergency: 999 first, then the route; EMERGENCY and the first action above everything")
    func emergency() throws {
        let answer = try Self.answer(signs: ["I have taken too many tablets"])
        #expect(answer.stage.id == "emergency")
        #expect(answer.contacts.map(\.id) == ["ambulance", "cmht"])
        let lines = AnswerText(color: false).render(answer).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "EMERGENCY — Immediate risk to life")
        #expect(lines[1] == "Call 999 for an ambulance now")
        #expect(lines[2] == "Kit Walker (they/them) — Emergency")
        #expect(lines[3] == "Flags: life — see below")
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(AnswerJSON.render(answer).contains(#""first_action":"Call 999 for an ambulance now""#))
    }

    // MARK: Issue 7, finding 4: what an attorney can never decide

    static let attorneyPlan =
        plan + """
            attorney: {contact: aunt, type: health_and_welfare, registered: true, made: 2025-01-01, covers: [all]}
            advance_decisions:
              refusals:
                - {treatment: ECT, made: 2025-06-01, for_mental_disorder: true, ect: true}

            """

    @Test("an attorney cannot authorise a deprivation of liberty (s4A)")
    func attorneyAdmission() throws {
        let answer = try Self.answer(capacity: [("admission", .lacks)], plan: Self.attorneyPlan)
        let attorney = try #require(answer.attorney)
        #expect(!attorney.canAct)
        #expect(attorney.decisions.map(\.decision) == ["admission"])
        #expect(attorney.because.contains("s4A"))
    }

    @Test("an attorney cannot consent to Part 4 treatment while Part 4 applies (s28), but can otherwise")
    func attorneyPart4() throws {
        let detained = try Self.answer(
            facts: ["detained": "section_3"], capacity: [("haloperidol", .lacks)], plan: Self.attorneyPlan)
        #expect(detained.attorney?.canAct == false)
        #expect(detained.attorney?.because.contains("s28") == true)
        let informal = try Self.answer(capacity: [("haloperidol", .lacks)], plan: Self.attorneyPlan)
        #expect(informal.attorney?.canAct == true)
    }

    @Test("an attorney cannot override a later valid refusal (s11(7)(b)); decision names are normalised")
    func attorneyLaterRefusal() throws {
        let answer = try Self.answer(capacity: [("ECT", .lacks)], plan: Self.attorneyPlan)
        #expect(answer.attorney?.decisions.map(\.decision) == ["ect"])
        #expect(answer.attorney?.canAct == false)
        #expect(answer.attorney?.because.contains("s26(1)") == true)
        #expect(answer.refusals.first?.appliesNow == true)
    }

    @Test("top-level can_act only when the attorney can act for every decision in question")
    func attorneyEveryDecision() throws {
        let answer = try Self.answer(
            capacity: [("dental-care", .lacks), ("admission", .lacks)], plan: Self.attorneyPlan)
        let attorney = try #require(answer.attorney)
        #expect(attorney.decisions.map(\.decision) == ["admission", "dental-care"])
        #expect(attorney.decisions.map(\.canAct) == [false, true])
        #expect(!attorney.canAct)
        #expect(attorney.because == attorney.decisions[0].because)
    }

    @Test("an undeclared decision is bad input with a suggestion, never an attorney who can act")
    func undeclaredDecision() throws {
        #expect {
            try Self.answer(capacity: [("admision", .lacks)], plan: Self.attorneyPlan)
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.first?.message
                == "unknown decision 'admision': capacity is assessed for one declared decision at a time; did you mean 'admission'?"
        }
    }

    // MARK: Issue 7, finding 5: refusals that apply now, and wishes to weigh

    @Test("applies_now is decided for every refusal of a plan with more than 64, the last among them")
    func appliesNowPastSixtyFour() throws {
        let others = (1...64).map { "    - {treatment: other treatment \($0), made: 2025-06-01}\n" }.joined()
        let plan = Self.attorneyPlan.replacingOccurrences(of: "  refusals:\n", with: "  refusals:\n" + others)
        let lacks = try Self.answer(capacity: [("ect", .lacks)], plan: plan)
        #expect(lacks.refusals.count == 65)
        #expect(lacks.refusals.last?.treatment == "ECT" && lacks.refusals.last?.appliesNow == true)
        #expect(lacks.refusals.dropLast().allSatisfy { $0.appliesNow == nil })
        #expect(try Self.answer(capacity: [("ect", .has)], plan: plan).refusals.last?.appliesNow == false)
    }

    @Test("applies_now: true when they lack capacity for it, false when they have it, null otherwise")
    func appliesNow() throws {
        #expect(try Self.answer(capacity: [("ect", .lacks)], plan: Self.attorneyPlan).refusals[0].appliesNow == true)
        #expect(try Self.answer(capacity: [("ect", .has)], plan: Self.attorneyPlan).refusals[0].appliesNow == false)
        #expect(try Self.answer(plan: Self.attorneyPlan).refusals[0].appliesNow == nil)
        let json = AnswerJSON.render(try Self.answer(plan: Self.attorneyPlan))
        #expect(json.contains(#""not_binding_because":[],"applies_now":null,"may_be_overridden_by":null"#))
        // A refused treatment no declared decision has: assessable by its name, but SPEC v2 §4
        // counts declared decisions only, so whether the refusal applies stays unknown.
        let undeclared =
            Self.plan + """
                advance_decisions:
                  refusals:
                    - {treatment: olanzapine, made: 2025-06-01}

                """
        #expect(try Self.answer(capacity: [("olanzapine", .lacks)], plan: undeclared).refusals[0].appliesNow == nil)
    }

    @Test("a refusal made before 18 is not valid (s24(1)) and is shown as a wish to weigh (s4(6))")
    func refusalBefore18() throws {
        let plan =
            Self.plan + """
                advance_decisions:
                  refusals:
                    - {treatment: haloperidol, made: 2018-02-28}

                """
        let answer = try Self.answer(plan: plan)
        #expect(answer.refusals[0].binding == false)
        #expect(answer.refusals[0].notBindingBecause.first?.contains("s24(1)") == true)
        #expect(answer.warnings.map(\.code).contains(.advanceRefusalNotValid))
        let text = AnswerText(color: false).render(answer).replacingOccurrences(of: "\n    ", with: " ")
        #expect(text.contains("still a wish to weigh (MCA s4(6)) in any best-interests decision"))
    }

    // MARK: Age

    @Test("age conditions use person.born; without it the condition is false and the answer warns")
    func age() throws {
        let young = Self.plan.replacingOccurrences(of: "born: 2000-03-01", with: "born: 2010-11-25")
        #expect(try Self.answer(facts: ["detained": "section_136"], plan: young).flags.map(\.id) == ["place-of-safety-under-18"])
        #expect(try Self.answer(facts: ["detained": "section_136"]).flags.isEmpty)
        let unknown = Self.plan.replacingOccurrences(of: "  born: 2000-03-01\n", with: "")
        let answer = try Self.answer(facts: ["detained": "section_136"], plan: unknown)
        #expect(answer.flags.isEmpty)
        #expect(answer.warnings.map(\.code) == [.ageUnknown])
    }
}
