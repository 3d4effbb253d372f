import Testing

@testable import CrisisPlan

/// One test per principle of SPEC §1, on the shipped policy and plans.
@Suite("SPEC §1 principles")
struct PrinciplesTests {
    @Test("1. Person first: own responses lead every answer, in their words and order, even in an emergency")
    func personFirst() throws {
        let answer = try ShippedRules.respond(
            "sam", signs: ["hearing voices"], facts: ["life_at_risk=true"] + ShippedRules.safeguarding)
        #expect(answer.stage.id == "emergency")
        #expect(
            answer.ownResponses.map(\.action) == [
                "If I need to go to hospital, tell me what is happening at each step"
            ])
        #expect(answer.contacts.first?.id == "ambulance-999")
        let text = AnswerText(color: false).render(answer)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "EMERGENCY — Immediate risk to life")
        #expect(lines[1] == "Call 999 for an ambulance now")
        #expect(lines[2] == "Sam Taylor (they/them) — Emergency — immediate risk to life")
        // Only the attention block stands between the header and the person's own responses:
        // the question to ask first (who is causing harm), then which flags apply.
        let own = try #require(lines.firstIndex(of: "What Sam Taylor has agreed helps, in their order"))
        let attention = lines[3..<own].filter { !$0.isEmpty && !$0.hasPrefix("  ") }
        #expect(attention.first?.hasPrefix("Ask now: ") == true)
        #expect(attention.last == "Flags: crisis-line-24h, adult-safeguarding, immediate-risk-to-life — see below")
        // 999 first; the 24-hour line after Sam's own route, which keeps its place.
        let contacts = answer.contacts.map(\.id)
        #expect(Array(contacts.prefix(2)) == ["ambulance-999", "htt"])
        #expect(try #require(contacts.firstIndex(of: "crisis-line")) > 1)
        #expect(lines[own - 1].isEmpty)
        let response = try #require(text.range(of: "If I need to go to hospital"))
        let firstFlag = try #require(text.range(of: "FLAG ("))
        #expect(response.lowerBound < firstFlag.lowerBound)
        let json = AnswerJSON.render(answer)
        let ownKey = try #require(json.range(of: "\"own_responses\""))
        #expect(ownKey.lowerBound < json.range(of: "\"contacts\"")!.lowerBound)
        #expect(ownKey.lowerBound < json.range(of: "\"flags\"")!.lowerBound)
    }

    @Test("2. Overrides are explicit: a flag is listed beside the responses with basis, reasons, permits and record")
    func overridesExplicit() throws {
        let quiet = try ShippedRules.respond("sam", signs: ["not sleeping"])
        let flagged = try ShippedRules.respond("sam", signs: ["not sleeping"], facts: ShippedRules.safeguarding)
        #expect(quiet.ownResponses.map(\.action) == flagged.ownResponses.map(\.action))
        let flag = try #require(flagged.flags.first)
        #expect(flag.id == "adult-safeguarding")
        #expect(
            flag.basis
                == "Care and Support Statutory Guidance (DHSC) ch. 14 (raising a concern); Care Act 2014 s42 (the local authority's enquiry duty)"
        )
        #expect(flag.because == ["abuse_or_neglect is suspected (observed 2026-11-24T10:30:00Z)", "not: age under 18"])
        #expect(flag.permits.hasPrefix("Raising a safeguarding concern with the local authority on suspicion alone"))
        #expect(flag.mustRecord.first?.hasPrefix("the basis used") == true)
        #expect(flag.source == "\(ShippedRules.rules.displayPath)/policy/40-safeguarding.yaml:16")
    }

    @Test("3. Do-not-contact holds: the nearest relative on the list is a conflict, never a contact")
    func doNotContactHolds() throws {
        let answer = try ShippedRules.respond("sam", signs: ["hearing voices"], facts: ["mha_application=section_3"])
        // At crisis the 24-hour line is added after Sam's own route, whatever the hours say.
        #expect(answer.flags.map(\.id) == ["crisis-line-24h", "mha-nearest-relative"])
        #expect(answer.contacts.map(\.id) == ["jo", "htt", "crisis-line"])
        #expect(!answer.contacts.contains { $0.name == "Mark Taylor" })
        #expect(answer.conflicts.count == 1)
        #expect(answer.conflicts.first?.role == "nearest_relative")
        #expect(answer.conflicts.first?.name == "Mark Taylor")
        #expect(answer.conflicts.first?.flag == "mha-nearest-relative")
        #expect(answer.doNotContact.map(\.name) == ["Mark Taylor"])
    }

    @Test("4. A named source of harm is never routed to: withheld, with the reason")
    func namedSourceOfHarmWithheld() throws {
        let before = try ShippedRules.respond("kit", signs: ["panic attacks"])
        #expect(before.contacts.map(\.id) == ["aunt", "lee"])
        for name in ["lee", "Lee", "Lee Walker", "LEE  WALKER."] {
            let answer = try ShippedRules.respond(
                "kit", signs: ["panic attacks"], facts: ShippedRules.safeguarding + ["harm_source=\(name)"])
            #expect(answer.contacts.map(\.id) == ["aunt", "la-adult-safeguarding"], "\(name)")
            #expect(answer.withheld.map(\.id) == ["lee"])
            #expect(answer.withheld.first?.flag == "adult-safeguarding")
            #expect(answer.withheld.first?.because.contains("source of harm") == true)
        }
    }

    @Test("5. Capacity is presumed, decision-specific and time-specific")
    func capacityPresumed() throws {
        let none = try ShippedRules.respond("priya", signs: ["racing thoughts"])
        #expect(none.flags.isEmpty)
        #expect(none.attorney?.canAct == false)

        let lacks = try ShippedRules.respond(
            "priya", signs: ["racing thoughts"], capacity: ["physical-treatment=lacks"])
        #expect(lacks.flags.map(\.id) == ["mca-best-interests"])
        #expect(lacks.flags.first?.decisions == ["physical-treatment"])
        #expect(lacks.attorney?.canAct == true)

        let other = try ShippedRules.respond(
            "priya", signs: ["racing thoughts"], capacity: ["physical-treatment=lacks", "finances=has"])
        #expect(other.flags.first?.decisions == ["physical-treatment"])

        // Admission of a person who objects is a deprivation of liberty: never the attorney's.
        let admission = try ShippedRules.respond("priya", signs: ["racing thoughts"], capacity: ["admission=lacks"])
        #expect(admission.flags.map(\.id) == ["mca-best-interests", "mca-deprivation-of-liberty"])
        #expect(admission.attorney?.canAct == false)

        let stale = try ShippedRules.evaluator("priya").evaluate(
            [
                try ShippedRules.observation(
                    capacity: ["physical-treatment=lacks"], at: Timestamp(parsing: "2026-11-23T08:00:00Z")!)
            ],
            now: ShippedRules.now)
        #expect(stale.flags.isEmpty)
        #expect(stale.warnings.map(\.code) == [.advanceRefusalNotValid, .capacityAssessmentStale])
        #expect(stale.attorney?.canAct == false)
    }

    @Test("6. A valid advance refusal stays binding under a best-interests decision, and is shown")
    func refusalStaysBinding() throws {
        let answer = try ShippedRules.respond("sam", signs: ["hearing voices"], capacity: ["haloperidol=lacks"])
        #expect(answer.flags.map(\.id) == ["crisis-line-24h", "mca-best-interests"])
        let refusal = try #require(answer.refusals.first)
        #expect(refusal.treatment == "haloperidol")
        #expect(refusal.binding)
        #expect(refusal.mayBeOverriddenBy == nil)
        #expect(refusal.appliesNow == true)
        let detained = try ShippedRules.respond(
            "sam", signs: ["hearing voices"], facts: ["mha_detention=section_3"], capacity: ["haloperidol=lacks"])
        #expect(detained.refusals.first?.mayBeOverriddenBy == "mha-part4-treatment")
        #expect(detained.refusals.first?.binding == true)
        let ect = try ShippedRules.respond("priya", facts: ["mha_detention=section_3"])
        #expect(ect.refusals.map(\.treatment) == ["olanzapine", "ECT"])
        #expect(ect.refusals[1].binding && ect.refusals[1].mayBeOverriddenBy == nil)
        let s136 = try ShippedRules.respond("sam", facts: ["mha_detention=section_136"])
        #expect(s136.refusals.first?.mayBeOverriddenBy == nil)
    }

    @Test("7. Nothing is dropped quietly: unmatched signs and overdue plans become warnings, shown first")
    func nothingDroppedQuietly() throws {
        let answer = try ShippedRules.respond("dee", signs: ["shouting at the neighbours"])
        #expect(answer.warnings.map(\.code) == [.planReviewOverdue, .unknownSign])
        #expect(answer.stage.id == "well")
        #expect(answer.warnings[1].message.contains("not taken as all clear"))
        #expect(answer.warnings[0].source == "\(ShippedRules.rules.displayPath)/people/dee.yaml:17")
        let top = AnswerText(color: false).render(answer).components(separatedBy: "What Dee")[0]
        #expect(top.contains("Not recognised: \"shouting at the neighbours\""))
        #expect(top.contains("Plan overdue for review since"))
        // A contact fact naming no one in the plan is bad input, never silently dropped.
        #expect(throws: DiagnosticList.self) { try ShippedRules.respond("dee", facts: ["harm_source=zed"]) }
    }

    @Test("8. Everything has a source: path and line of what it came from")
    func everythingHasASource() throws {
        let answer = try ShippedRules.respond("sam", signs: ["not sleeping"])
        let root = ShippedRules.rules.displayPath
        #expect(answer.ownResponses.map(\.source) == [32, 34, 37].map { "\(root)/people/sam.yaml:\($0)" })
        #expect(answer.contacts.map(\.source) == ["\(root)/people/sam.yaml:52"])
        #expect(answer.refusals.map(\.source) == ["\(root)/people/sam.yaml:75"])
    }

    @Test("9. Bad input gets a clear error, never a partial answer")
    func badInput() throws {
        let evaluator = try ShippedRules.evaluator("sam")
        let observation = try ShippedRules.observation(facts: ["abuse_or_neglect=maybe", "colour=red"])
        #expect {
            try evaluator.evaluate([observation], now: ShippedRules.now)
        } throws: { error in
            let messages = (error as? DiagnosticList)?.diagnostics.map(\.message) ?? []
            return messages == [
                "'maybe' is not a value of fact 'abuse_or_neglect'; allowed values: none, suspected, disclosed",
                "unknown fact 'colour'; declared facts: " + ShippedRules.factIds().joined(separator: ", "),
            ]
        }
    }
}
