import Testing

@testable import CrisisPlan

@Suite("Plan validation")
struct PlanValidationTests {
    let plan = LibraryFixture.plan

    @Test("the person id must equal the file name")
    func idMatchesFileName() throws {
        #expect(
            try LibraryFixture.planDiagnostics(plan, file: "people/samuel.yaml") == [
                "people/samuel.yaml:2:7: error: person id 'sam' differs from the file name 'samuel.yaml'; the id must equal the file name"
            ])
    }

    @Test("a do-not-contact person in a contact route is an error, by id")
    func doNotContactById() throws {
        let text = plan.replacing("early: [jo]", with: "early: [jo, mark]")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:21:15: error: 'mark' (Mark Taylor) is on the do-not-contact list and cannot be in a contact route"
            ])
    }

    @Test("a do-not-contact person in a contact route is an error, by name")
    func doNotContactByName() throws {
        let text =
            plan
            .replacing(
                "contact_routes:",
                with: "  - id: dad\n    name: mark  TAYLOR\n    phone: \"07700 900999\"\ncontact_routes:"
            )
            .replacing("early: [jo]", with: "early: [dad]")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:24:11: error: 'dad' is mark  TAYLOR, who is on the do-not-contact list, and cannot be in a contact route"
            ])
    }

    @Test("review_by before agreed is an error")
    func reviewBeforeAgreed() throws {
        let text = plan.replacing("review_by: 2027-03-14", with: "review_by: 2026-09-13")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:6:14: error: review_by 2026-09-13 is before the date the plan was agreed, 2026-09-14",
                "people/sam.yaml:6:14: warning: plan-review-overdue: the plan was due for review on 2026-09-13; it is still used, but review it with Sam Taylor",
            ])
    }

    @Test("an overdue plan is a warning, not an error: out of date is not void")
    func overdue() throws {
        let text = plan.replacing("review_by: 2027-03-14", with: "review_by: 2026-11-23")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:6:14: warning: plan-review-overdue: the plan was due for review on 2026-11-23; it is still used, but review it with Sam Taylor"
            ])
        let dueToday = plan.replacing("review_by: 2027-03-14", with: "review_by: 2026-11-24")
        #expect(try LibraryFixture.planDiagnostics(dueToday) == [])
    }

    @Test("references to stages, contacts and signs must be declared")
    func references() throws {
        let text =
            plan
            .replacing("stage: early", with: "stage: erly")
            .replacing("early: [jo]", with: "early: [joe]")
            .replacing("do: Walk the dog", with: "do: Walk the dog\n      for_signs: [sleeping]")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:11:12: error: unknown stage 'erly'; did you mean 'early'?",
                "people/sam.yaml:16:19: error: unknown sign 'sleeping' in for_signs; expected one of: sleep-loss",
                "people/sam.yaml:22:11: error: unknown contact 'joe' in contact route; did you mean 'jo'?",
            ])
    }

    @Test("an attorney must be one of the contacts")
    func attorneyIsContact() throws {
        let text = plan + "attorney:\n  contact: mark\n  type: health_and_welfare\n  registered: true\n"
        #expect(
            try LibraryFixture.planDiagnostics(text)
                == [
                    "people/sam.yaml:27:12: error: the attorney 'mark' is not one of the plan's contacts; did you mean 'jo'?"
                ].map { $0.replacing("; did you mean 'jo'?", with: "; expected one of: jo") })
    }

    @Test("two signs that match the same text are an error")
    func ambiguousSigns() throws {
        let text = plan.replacing(
            "responses:",
            with: "  - id: awake\n    says: Up all night\n    also: [Not  Sleeping]\n    stage: early\nresponses:")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:12:5: error: signs 'sleep-loss' and 'awake' both match the text 'not sleeping'; an observation could not tell them apart"
            ])
    }

    @Test("duplicate ids in a plan are errors, naming the first")
    func duplicateIds() throws {
        let text = plan.replacing("  - id: mark", with: "  - id: jo")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:23:5: error: duplicate contact id 'jo'; it is already used at people/sam.yaml:17",
                "people/sam.yaml:21:11: error: 'jo' (Mark Taylor) is on the do-not-contact list and cannot be in a contact route",
            ])
    }

    @Test("a stage with signs but no responses or no route is a warning")
    func gaps() throws {
        let text = plan.replacing(
            "responses:", with: "  - id: voices\n    says: The voices are loud\n    stage: crisis\nresponses:")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:14:12: warning: stage 'crisis' has signs but no responses; add what helps at this stage, in the person's words",
                "people/sam.yaml:14:12: warning: stage 'crisis' has signs but no contact route; add who to contact at this stage",
            ])
    }

    @Test("a refusal of life-sustaining treatment without witness is not binding: a warning")
    func lifeSustainingRefusal() throws {
        let text =
            plan + """
                advance_decisions:
                  refusals:
                    - treatment: ventilation
                      signed: true
                      life_sustaining: true
                      even_if_life_at_risk: true

                """
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:28:7: warning: advance-refusal-not-valid: the refusal of ventilation is not binding: it refuses life-sustaining treatment but is not witnessed (MCA 2005 s25(5)-(6))",
                "people/sam.yaml:28:7: warning: refusal-without-decision: no declared decision has the treatment 'ventilation'; it is still a decision for Sam Taylor, but declare one under 'decisions' so that assessments and the attorney check use it",
            ])
    }

    @Test("labels in staff-written text are warnings; the person's own words are not policed")
    func language() throws {
        let text =
            plan
            .replacing(
                "    - by: me\n      do: Walk the dog",
                with: "    - by: care_team\n      do: Sam was Non-Compliant with meds\n    - by: me\n      do: I am non-compliant")
            .replacing("says: I stop sleeping", with: "says: They call me non-compliant")
            .replacing("also: [not sleeping]", with: "also: [not sleeping, non-compliant]")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:14:7: warning: language: 'non-compliant' labels the person; instead: declined"
            ])
    }

    @Test("allow keeps whole phrases: 'high risk of falls' stands, 'high risk of harm' is marked")
    func languageAllow() throws {
        let rules = [
            LanguageRule(
                avoid: "high risk", prefer: "describe what happened", unlessFollowedBy: nil,
                allow: ["high risk of falls"], source: SourceLocation(file: "p", line: 1))
        ]
        let check = LanguageCheck(rules: rules)
        #expect(check.findings(in: "A high risk of falls on the stairs").isEmpty)
        #expect(check.findings(in: "High-risk of harm to others").map(\.avoid) == ["high risk"])
        #expect(check.findings(in: "high risk of falls, and high risk of suicide").map(\.avoid) == ["high risk"])
        // Any hyphen or dash breaks words, and compatibility forms read as their letters.
        let labels = LanguageCheck(rules: [
            LanguageRule(
                avoid: "non-compliant", prefer: "declined", unlessFollowedBy: nil, allow: [],
                source: SourceLocation(file: "p", line: 1))
        ])
        for written in ["non\u{2011}compliant", "NON\u{2010}COMPLIANT", "ｎｏｎ-ｃｏｍｐｌｉａｎｔ", "non — compliant"] {
            #expect(labels.findings(in: "Sam was \(written) with meds").map(\.avoid) == ["non-compliant"], "\(written)")
        }
    }
}

@Suite("Advance refusals")
struct RefusalValidityTests {
    static func refusal(
        made: String? = "2025-01-01", signed: Bool = false, witnessed: Bool = false, lifeSustaining: Bool = false,
        evenIfLifeAtRisk: Bool = false, withdrawn: Bool = false
    ) -> AdvanceRefusal {
        AdvanceRefusal(
            treatment: "Haloperidol", made: made.flatMap(CalendarDate.init(parsing:)), signed: signed,
            witnessed: witnessed, lifeSustaining: lifeSustaining, evenIfLifeAtRisk: evenIfLifeAtRisk,
            forMentalDisorder: true, ect: false, withdrawn: withdrawn, source: SourceLocation(file: "p.yaml", line: 1))
    }

    static func attorney(
        made: String?, covers: [String] = ["all"], registered: Bool = true, lifeSustaining: Bool = false
    )
        -> Attorney
    {
        Attorney(
            contact: "jo", contactSource: SourceLocation(file: "p.yaml", line: 1), registered: registered,
            made: made.flatMap(CalendarDate.init(parsing:)), covers: covers, lifeSustaining: lifeSustaining,
            kind: .healthAndWelfare, source: SourceLocation(file: "p.yaml", line: 1))
    }

    @Test("an ordinary refusal binds without signature or witness")
    func ordinary() {
        #expect(RefusalValidity(Self.refusal(), attorney: nil, born: nil).binding)
    }

    @Test("a withdrawn refusal does not bind")
    func withdrawn() {
        #expect(
            RefusalValidity(Self.refusal(withdrawn: true), attorney: nil, born: nil).notBindingBecause == [
                "it has been withdrawn (MCA 2005 s24(3))"
            ])
    }

    @Test("a life-sustaining refusal needs signature, witness and 'even if life is at risk'")
    func lifeSustaining() {
        #expect(
            RefusalValidity(Self.refusal(lifeSustaining: true), attorney: nil, born: nil).notBindingBecause == [
                "it refuses life-sustaining treatment but is not signed, witnessed, stated to apply even if life is at risk (MCA 2005 s25(5)-(6))"
            ])
        let complete = Self.refusal(signed: true, witnessed: true, lifeSustaining: true, evenIfLifeAtRisk: true)
        #expect(RefusalValidity(complete, attorney: nil, born: nil).binding)
    }

    @Test("a later registered attorney covering the treatment overtakes the refusal")
    func laterAttorney() {
        #expect(!RefusalValidity(Self.refusal(), attorney: Self.attorney(made: "2025-06-01"), born: nil).binding)
        #expect(
            !RefusalValidity(Self.refusal(), attorney: Self.attorney(made: "2025-06-01", covers: ["haloperidol"]), born: nil)
                .binding)
        #expect(RefusalValidity(Self.refusal(), attorney: Self.attorney(made: "2024-06-01"), born: nil).binding)
        #expect(RefusalValidity(Self.refusal(), attorney: Self.attorney(made: "2025-06-01", registered: false), born: nil).binding)
        #expect(RefusalValidity(Self.refusal(), attorney: Self.attorney(made: "2025-06-01", covers: ["ECT"]), born: nil).binding)
        #expect(RefusalValidity(Self.refusal(made: nil), attorney: Self.attorney(made: "2025-06-01"), born: nil).binding)
    }

    @Test("a refusal made before the 18th birthday is not valid (s24(1)); made on it, it is")
    func under18() {
        let born = CalendarDate(parsing: "2007-06-01")
        #expect(
            RefusalValidity(Self.refusal(made: "2025-05-31"), attorney: nil, born: born).notBindingBecause == [
                "it was made on 2025-05-31, before the person's 18th birthday (MCA 2005 s24(1))"
            ])
        #expect(RefusalValidity(Self.refusal(made: "2025-06-01"), attorney: nil, born: born).binding)
        let leapling = CalendarDate(parsing: "2008-02-29")
        #expect(!RefusalValidity(Self.refusal(made: "2026-02-28"), attorney: nil, born: leapling).binding)
        #expect(RefusalValidity(Self.refusal(made: "2026-03-01"), attorney: nil, born: leapling).binding)
    }

    @Test("an attorney without life-sustaining authority does not overtake a life-sustaining refusal (s11(8))")
    func attorneyWithoutLifeSustaining() {
        let refusal = Self.refusal(signed: true, witnessed: true, lifeSustaining: true, evenIfLifeAtRisk: true)
        #expect(RefusalValidity(refusal, attorney: Self.attorney(made: "2025-06-01"), born: nil).binding)
        #expect(!RefusalValidity(refusal, attorney: Self.attorney(made: "2025-06-01", lifeSustaining: true), born: nil).binding)
    }
}
