import Testing

@testable import CrisisPlan

@Suite("Policy validation")
struct PolicyValidationTests {
    static let extraFlag = """
        flags:
          - id: s42
            kind: safeguarding
            title: Again
            basis: Care Act 2014 s42(1)
            when: {fact: needs, is: true}
            permits: Raising a concern.
            must_record: [what was shared]

        """

    @Test("ids are unique across policy files")
    func duplicateIdsAcrossFiles() throws {
        let found = try LibraryFixture.diagnostics([
            "policy/policy.yaml": LibraryFixture.policy, "policy/z-local.yaml": Self.extraFlag,
            "people/sam.yaml": LibraryFixture.plan,
        ])
        #expect(
            found
                == [
                    "policy/z-local.yaml:2:5: error: duplicate flag id 's42'; it is already declared at policy/policy.yaml:17:5"
                ].map { $0.replacing(":17:5", with: ":17") })
    }

    @Test("stages appear in one file only; a setting is set once")
    func stagesOnce() throws {
        let found = try LibraryFixture.diagnostics([
            "policy/a.yaml": LibraryFixture.policy + "signs_active_for: 72h\n",
            "policy/b.yaml": "stages:\n  - id: other\n    label: Other\nsigns_active_for: 48h\n",
            "people/sam.yaml": LibraryFixture.plan,
        ])
        #expect(
            found == [
                "policy/b.yaml:1:1: error: 'stages' is set in more than one policy file; it is already set at policy/a.yaml:1",
                "policy/b.yaml:4:1: error: 'signs_active_for' is already set at policy/a.yaml:35",
            ])
    }

    @Test(
        "conditions refer only to what is declared, with one condition key and one comparator",
        arguments: [
            (
                "{fact: abuze, at_least: suspected}",
                "21:18: error: unknown fact 'abuze'; facts must be declared under 'facts'; did you mean 'abuse'?"
            ),
            (
                "{fact: abuse, at_least: suspectd}",
                "21:35: error: 'suspectd' is not a value of fact 'abuse' (did you mean 'suspected'?); allowed values: none, suspected, disclosed"
            ),
            (
                "{fact: abuse}",
                "21:12: error: a fact condition needs exactly one comparator: is, in, at_least, at_most"
            ),
            (
                "{fact: abuse, is: none, in: [none]}",
                "21:35: error: a fact condition takes exactly one comparator, found 2; use 'all' or 'any' to combine"
            ),
            (
                "{fact: abuse, is: none, stage: {is: crisis}}",
                "21:35: error: a condition holds exactly one condition key, found 'fact', 'stage'; combine them with 'all' or 'any'"
            ),
            (
                "{stage: {at_least: crises}}",
                "21:30: error: unknown stage 'crises'; did you mean 'crisis'?"
            ),
            (
                "{fact: needs, at_least: true}",
                "21:35: error: 'at_least' compares enum values in their declared order; fact 'needs' is bool"
            ),
            (
                "{fact: needs, is: yes}",
                "21:29: error: fact 'needs' is true or false, found 'yes'; write true or false"
            ),
            (
                "{capacity: {status: lacking}}",
                "21:31: error: 'status' cannot be 'lacking'; expected one of: has, lacks"
            ),
            (
                "{signs: {at_least: 0}}",
                "21:30: error: 'at_least' takes a whole number of at least 1, found '0'"
            ),
        ])
    func conditions(when: String, message: String) throws {
        let policy = LibraryFixture.policy.replacing("when: {fact: abuse, at_least: suspected}", with: "when: \(when)")
        #expect(try LibraryFixture.policyDiagnostics(policy) == ["policy/policy.yaml:" + message])
    }

    @Test("a flag withholds only by a contact fact")
    func withholdByContactFact() throws {
        let policy = LibraryFixture.policy.replacing(
            "withhold_contact_named_by: harm_source", with: "withhold_contact_named_by: needs")
        #expect(
            try LibraryFixture.policyDiagnostics(policy) == [
                "policy/policy.yaml:25:34: error: 'withhold_contact_named_by' needs a fact of type contact; fact 'needs' is bool"
            ])
    }

    @Test("a flag without permits or must_record is a warning")
    func flagWithoutPermits() throws {
        let policy = LibraryFixture.policy.replacing("    permits: Raising a concern.\n", with: "")
        #expect(
            try LibraryFixture.policyDiagnostics(policy) == [
                "policy/policy.yaml:17:5: warning: flag 's42' has no 'permits'; say what the override allows and what staff must record"
            ])
    }

    @Test("a missing policy folder is an error")
    func noPolicy() throws {
        let found = try LibraryFixture.diagnostics(["people/sam.yaml": LibraryFixture.plan])
        #expect(
            found.first?.hasSuffix(
                "error: no policy folder: expected \(found.first!.split(separator: ":")[0])/ with at least one .yaml file"
            ) == true)
    }
}
