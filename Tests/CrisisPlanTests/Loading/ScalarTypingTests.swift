import Testing

@testable import CrisisPlan

@Suite("Scalars are typed by their field")
struct ScalarTypingTests {
    @Test("the base fixture is clean")
    func baseIsClean() throws {
        #expect(try LibraryFixture.planDiagnostics(LibraryFixture.plan) == [])
    }

    @Test("a text field keeps 'no' as the text \"no\"")
    func noStaysText() throws {
        let library = try TemporaryLibrary([
            "policy/policy.yaml": LibraryFixture.policy,
            "people/sam.yaml": LibraryFixture.plan.replacing("name: Sam Taylor", with: "name: no"),
        ])
        defer { library.remove() }
        let loaded = RulesLoader.loadLibrary(RulesDirectory(library.root), today: nil)
        #expect(loaded.plans.first?.person.name == "no")
        #expect(loaded.diagnostics.isEmpty)
    }

    @Test(
        "a boolean field takes only true or false",
        arguments: ["yes", "no", "on", "True", "\"true\"", "1"])
    func booleansAreStrict(_ written: String) throws {
        let text = LibraryFixture.plan.replacing(
            "phone: \"07700 900123\"", with: "phone: \"07700 900123\"\n    professional: \(written)")
        let shown = written.hasPrefix("\"") ? "'true'" : "'\(written)'"
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:20:19: error: 'professional' takes true or false, found \(shown); write true or false"
            ])
    }

    @Test(
        "dates must be real calendar dates",
        arguments: [
            ("2027-02-30", "'review_by' is 2027-02-30, which is not a date in the calendar: February 2027 has 28 days"),
            ("14/03/2027", "'review_by' takes a date written YYYY-MM-DD, like 2026-11-24; found '14/03/2027'"),
        ])
    func dates(written: String, message: String) throws {
        let text = LibraryFixture.plan.replacing("review_by: 2027-03-14", with: "review_by: \(written)")
        #expect(try LibraryFixture.planDiagnostics(text) == ["people/sam.yaml:6:14: error: \(message)"])
    }

    @Test(
        "durations are a positive whole number and m, h, d or w",
        arguments: ["0h", "72", "1.5h", "-3d", "h"])
    func badDurations(_ written: String) throws {
        let text = "signs_active_for: \(written)\n" + LibraryFixture.policy
        #expect(
            try LibraryFixture.policyDiagnostics(text) == [
                "policy/policy.yaml:1:19: error: 'signs_active_for' takes a duration: a positive whole number and m, h, d or w (30m, 72h, 7d), found '\(written)'"
            ])
    }

    @Test("unknown keys are errors with a did-you-mean suggestion")
    func unknownKeys() throws {
        let text = LibraryFixture.plan.replacing("    says: I stop sleeping", with: "    sayz: I stop sleeping")
        #expect(
            try LibraryFixture.planDiagnostics(text) == [
                "people/sam.yaml:9:5: error: unknown key 'sayz' in early warning sign; did you mean 'says'?"
            ])
    }

    @Test("an unknown top-level key with no close match lists what is allowed")
    func unknownTopLevel() throws {
        let text = LibraryFixture.policy + "colours: red\n"
        let found = try LibraryFixture.policyDiagnostics(text)
        #expect(
            found == [
                "policy/policy.yaml:35:1: error: unknown key 'colours' in policy; expected one of: stages, signs_active_for, capacity_valid_for, facts, decisions, escalation, flags, language, prompts, red_flags, timezone, holidays, consistency, override_reasons"
            ])
    }

    @Test(
        "a time zone is a name from the time-zone database: abbreviations and fixed offsets are errors, never a guess",
        arguments: ["BST", "GMT+1", "UTC+01:00", "EST", "europe/london", "Mars/Olympus"])
    func timeZoneNames(_ written: String) throws {
        let found = try LibraryFixture.policyDiagnostics(LibraryFixture.policy + "timezone: \(written)\n")
        #expect(
            found == [
                "policy/policy.yaml:35:11: error: unknown time zone '\(written)'; write an IANA name such as Europe/London (the time-zone database must be installed)"
            ])
    }

    @Test("Europe/London and UTC are time zones", arguments: ["Europe/London", "UTC", "America/New_York"])
    func timeZoneNamesTaken(_ written: String) throws {
        #expect(try LibraryFixture.policyDiagnostics(LibraryFixture.policy + "timezone: \(written)\n") == [])
    }

    @Test(
        "required text written as an empty or blank string is empty: an error at its place, as a missing value is",
        arguments: [
            ("    phone: \"07700 900123\"", "    phone: \"\"", "people/sam.yaml:19:12: error: 'phone' is empty; write a value"),
            ("    name: Mark Taylor", "    name: '  '", "people/sam.yaml:24:11: error: 'name' is empty; write a value"),
            ("    says: I stop sleeping", "    says: \"\"", "people/sam.yaml:9:11: error: 'says' is empty; write a value"),
            ("      do: Walk the dog", "      do: \" \"", "people/sam.yaml:15:11: error: 'do' is empty; write a value"),
        ])
    func blankText(_ change: (String, String, String)) throws {
        let found = try LibraryFixture.planDiagnostics(LibraryFixture.plan.replacing(change.0, with: change.1))
        #expect(found.contains(change.2), "\(found)")
    }

    @Test("a .yml file in a rules folder is an error (it was meant to be read); any other file is a warning")
    func ymlIsAnError() throws {
        let found = try LibraryFixture.diagnostics([
            "policy/policy.yaml": LibraryFixture.policy, "people/sam.yaml": LibraryFixture.plan,
            "policy/60-emergency.yml": "flags: []\n", "people/notes.txt": "notes\n",
        ])
        #expect(found.contains("policy/60-emergency.yml:1:1: error: a .yml file is not read: only .yaml files are; rename it to end in .yaml"), "\(found)")
        #expect(found.contains("people/notes.txt:1:1: warning: not a .yaml file; ignored"), "\(found)")
    }

    @Test("times need a zone")
    func timestamps() {
        #expect(Timestamp(parsing: "2026-11-24T10:30:00Z")?.description == "2026-11-24T10:30:00Z")
        #expect(Timestamp(parsing: "2026-11-24T11:30:00+01:00")?.description == "2026-11-24T10:30:00Z")
        #expect(Timestamp(parsing: "2026-11-24T10:30:00.250Z")?.nanoseconds == 250_000_000)
        #expect(Timestamp(parsing: "2026-11-24T10:30:00") == nil)
        #expect(Timestamp(parsing: "2026-02-30T10:30:00Z") == nil)
        #expect(Timestamp(parsing: "1969-12-31T23:59:59Z")?.description == "1969-12-31T23:59:59Z")
    }

    @Test("elapsed time is compared exactly and never overflows")
    func elapsed() throws {
        let start = try #require(Timestamp(parsing: "2026-11-24T10:00:00Z"))
        let hour = try #require(PolicyDuration(parsing: "1h"))
        #expect(try #require(Timestamp(parsing: "2026-11-24T11:00:00Z")).isWithin(hour, of: start))
        #expect(!(try #require(Timestamp(parsing: "2026-11-24T11:00:00.000000001Z")).isWithin(hour, of: start)))
        #expect(try #require(Timestamp(parsing: "2026-11-24T09:00:00Z")).isWithin(hour, of: start))
        let far = try #require(Timestamp(parsing: "9999-12-31T23:59:59Z"))
        let ancient = try #require(Timestamp(parsing: "0001-01-01T00:00:00Z"))
        let forever = try #require(PolicyDuration(parsing: "999999999w"))
        #expect(far.isWithin(forever, of: ancient))
        #expect(!far.isWithin(hour, of: ancient))
        #expect(ancient.isWithin(hour, of: far))
    }
}
