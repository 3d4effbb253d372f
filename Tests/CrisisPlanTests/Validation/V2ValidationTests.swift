import Testing

@testable import CrisisPlan

/// `check` on SPEC v2's new fields: every bad value is a located error with a suggestion,
/// never a crash, and what v2 makes unsafe (a look-alike on a route) is an error.
@Suite("check: SPEC v2 fields")
struct V2ValidationTests {
    let plan = LibraryFixture.plan
    let policy = LibraryFixture.policy

    @Test("a contact whose name looks like a do-not-contact name cannot be on a route")
    func lookAlikeOnRoute() throws {
        let text = plan.replacing("name: Jo Taylor", with: "name: \"Mark Tayl\\u043er\"")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:17:5: warning: the name 'Mark Taylоr' mixes Latin letters with Cyrillic or Greek ones; check it is typed as intended (it may be a look-alike)",
                "people/sam.yaml:21:11: error: 'jo' is Mark Taylоr, who looks the same as Mark Taylor, who is on the do-not-contact list, and cannot be in a contact route",
            ])
    }

    @Test(
        "invisible characters, case and hyphens do not hide a do-not-contact name",
        arguments: ["Mark Taylor\\u200b", "MARK-TAYLOR", "Mark Tay\\u00ADlor", "\\uFEFFmark taylor"])
    func invisibleOnRoute(name: String) throws {
        let text = plan.replacing("name: Jo Taylor", with: "name: \"\(name)\"")
        let found = try LibraryFixture.planDiagnostics(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("people/sam.yaml:21:11: error: 'jo' is ") == true)
        #expect(found.first?.hasSuffix("on the do-not-contact list, and cannot be in a contact route") == true)
    }

    @Test(
        "first_action is one line of at most 72 characters",
        arguments: [
            (
                String(repeating: "Call 999 now ", count: 6),
                "error: 'first_action' is at most 72 characters, to fit under the EMERGENCY header; found 77"
            ),
            ("\"Call 999\\nnow\"", "error: 'first_action' is one line, shown under the EMERGENCY header; found more than one"),
        ])
    func firstAction(value: String, message: String) throws {
        let text = policy.replacing("    permits: Raising a concern.\n", with: "    permits: Raising a concern.\n    first_action: \(value)\n")
        let found = try LibraryFixture.policyDiagnostics(text)
        #expect(found.count == 1)
        #expect(found.first?.hasSuffix(message) == true, "\(found)")
    }

    @Test("a capacity condition must name a declared decision, with a suggestion")
    func undeclaredDecisionInCondition() throws {
        let text = policy.replacing(
            "when: {fact: abuse, at_least: suspected}", with: "when: {capacity: {status: lacks, decision: admision}}")
        #expect(
            try LibraryFixture.policyDiagnostics(text) == [
                "policy/policy.yaml:21:11: error: unknown decision 'admision'; capacity conditions name a decision declared under 'decisions'; did you mean 'admission'?"
            ])
    }

    @Test("a policy without decisions is warned once")
    func decisionsNotDeclared() throws {
        let text = policy.replacing("decisions:\n  - id: admission\n    deprivation_of_liberty: true\n", with: "")
        let found = try LibraryFixture.policyDiagnostics(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("policy/policy.yaml:2:5: warning: decisions-not-declared:") == true)
    }

    @Test("a decision with a misspelt key or a non-boolean flag is a located error")
    func badDecision() throws {
        let text = policy.replacing(
            "deprivation_of_liberty: true", with: "deprivaton_of_liberty: yes")
        let found = try LibraryFixture.policyDiagnostics(text)
        #expect(found.count == 1)
        #expect(
            found.first?.hasSuffix(
                "error: unknown key 'deprivaton_of_liberty' in decision; did you mean 'deprivation_of_liberty'?") == true,
            "\(found)")
    }

    @Test("person.born: a real date, not after the plan was agreed")
    func born() throws {
        let bad = plan.replacing("  name: Sam Taylor\n", with: "  name: Sam Taylor\n  born: 2027-02-30\n")
        #expect(try LibraryFixture.planDiagnostics(bad).first?.contains("'born'") == true)
        let later = plan.replacing("  name: Sam Taylor\n", with: "  name: Sam Taylor\n  born: 2026-10-01\n")
        #expect(
            try LibraryFixture.planDiagnostics(later) == [
                "people/sam.yaml:2:3: error: born 2026-10-01 is after the date the plan was agreed, 2026-09-14"
            ])
    }

    @Test("an age condition takes one of under or at_least, a whole number")
    func ageCondition() throws {
        let text = policy.replacing("when: {fact: abuse, at_least: suspected}", with: "when: {age: {over: 18}}")
        let found = try LibraryFixture.policyDiagnostics(text)
        #expect(found.count == 1)
        #expect(
            found.first?.hasSuffix("error: unknown key 'over' in age condition; expected one of: under, at_least") == true,
            "\(found)")
    }

    @Test("one person listed twice is an error naming both; a shared phone and mixed scripts are warnings")
    func onePersonTwice() throws {
        let twice = plan.replacing(
            "contact_routes:",
            with: "  - id: jo-work\n    name: \"Jo Taylor\\u200b\"\n    phone: \"07700 900124\"\ncontact_routes:")
        #expect(
            try LibraryFixture.planDiagnostics(twice) == [
                "people/sam.yaml:20:5: error: 'jo-work' (Jo Taylor\u{200B}) and 'jo' (Jo Taylor) at people/sam.yaml:17 are the same person by name; list them once, with every phone number under one entry"
            ])
        let shared = plan.replacing(
            "contact_routes:", with: "  - id: kim\n    name: Kim Taylor\n    phone: \"07700-900123\"\ncontact_routes:")
        #expect(
            try LibraryFixture.planDiagnostics(shared) == [
                "people/sam.yaml:20:5: warning: 'kim' (Kim Taylor) has the same phone number as 'jo' (Jo Taylor) at people/sam.yaml:17; if they are one person, list them once"
            ])
        let mixed = plan.replacing("name: Jo Taylor", with: "name: \"J\\u043e Smith\"")
        #expect(
            try LibraryFixture.planDiagnostics(mixed) == [
                "people/sam.yaml:17:5: warning: the name 'Jо Smith' mixes Latin letters with Cyrillic or Greek ones; check it is typed as intended (it may be a look-alike)"
            ])
    }

    @Test("ids differing only by case are an error; a plan contact cannot shadow one the policy adds")
    func idsAndShadows() throws {
        let cased = plan.replacing("  - id: mark", with: "  - id: JO")
        #expect(
            try LibraryFixture.planDiagnostics(cased).contains(
                "people/sam.yaml:23:5: error: contact id 'JO' differs only by case from 'jo' at people/sam.yaml:17; use one id per person"
            ))
        let policyWithTeam = policy.replacing(
            "      withhold_contact_named_by: harm_source",
            with:
                "      withhold_contact_named_by: harm_source\n      add_contacts:\n        - {id: la-team, name: Safeguarding team, phone: \"0300 555 0199\"}"
        )
        let shadow = plan.replacing("id: jo\n", with: "id: la-team\n").replacing("early: [jo]", with: "early: [la-team]")
        let found = try LibraryFixture.diagnostics(["policy/policy.yaml": policyWithTeam, "people/sam.yaml": shadow])
        #expect(
            found == [
                "people/sam.yaml:17:5: error: contact id 'la-team' is also a contact the policy adds (Safeguarding team, 0300 555 0199); a plan contact with another name or number would take its place — choose another id"
            ])
    }

    @Test("control characters in rule-file text are an error, quoted visibly, never raw")
    func controlCharacters() throws {
        let text = plan.replacing("do: Walk the dog", with: "do: \"Walk\\e]0;owned\\a the dog\"")
        let found = try LibraryFixture.planDiagnostics(text)
        #expect(
            found == [
                "people/sam.yaml:15:11: error: text holds the control character U+1B; rule files and observations hold printable text only (tabs and line breaks aside)"
            ])
        #expect(TerminalText.visible("a\u{1B}[2Jb\u{7}\u{9B}\u{202E}") == "a\\u{1B}[2Jb\\u{7}\\u{9B}\\u{202E}")
        #expect(TextWrapper.wrap("one\ntwo", first: "", rest: "") == "one two")
    }

    @Test("show --format markdown keeps the person's text as text: no HTML, no Markdown syntax")
    func markdownEscaping() {
        #expect(MarkupEscaping.markdown("<script>alert(1)</script>") == "&lt;script&gt;alert\\(1\\)&lt;/script&gt;")
        #expect(MarkupEscaping.markdown("<img src=x onerror=alert(1)>").hasPrefix("&lt;img"))
        #expect(MarkupEscaping.markdown("**bold** [link](http://x)") == "\\*\\*bold\\*\\* \\[link\\]\\(http://x\\)")
        #expect(MarkupEscaping.markdown("- not a list") == "\\- not a list")
        #expect(MarkupEscaping.markdown("1. not a list") == "1\\. not a list")
    }
}
