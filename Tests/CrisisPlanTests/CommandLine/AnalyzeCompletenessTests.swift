import Testing

/// `analyze` calls a flag dead only when no state fires it, and a plan complete only with both
/// a professional and someone who answers at any hour.
@Suite("crisisplan analyze: capacity without declared decisions, and 24-hour access")
struct AnalyzeCompletenessTests {
    /// The fixture's policy without `decisions:`, and a flag on a decision nobody declared.
    static let undeclaredPolicy = LibraryFixture.policy
        .replacingOccurrences(of: "decisions:\n  - id: admission\n    deprivation_of_liberty: true\n", with: "")
        .replacingOccurrences(
            of: "language:",
            with: """
                  - id: cap
                    kind: capacity
                    title: Capacity
                    basis: MCA 2005 s4
                    when: {capacity: {status: lacks, decision: foo}}
                    permits: Acting in their best interests.
                    must_record: [the assessment]
                language:
                """)

    @Test("without decisions: any decision name is one, so a flag on it can fire and is never called dead")
    func capacityWithoutDecisions() throws {
        #expect(!Self.undeclaredPolicy.contains("decisions:"))
        #expect(Self.undeclaredPolicy.contains("decision: foo"))
        let lines = try AnalyzeRun.lines([
            "Rules/policy/a.yaml": Self.undeclaredPolicy, "Rules/people/sam.yaml": LibraryFixture.plan,
        ])
        #expect(!lines.isEmpty)
        #expect(!lines.contains { $0.contains("[flag-never-fires]") }, "\(lines)")
        // The flag is read: its decision is not reported as unused, nor the flag as dead.
        #expect(!lines.contains { $0.contains("'cap'") }, "\(lines)")
    }

    @Test("a rule needing an active sign of its own stage never raises it; one needing two early signs does")
    func signsFixTheStage() throws {
        let policy = LibraryFixture.policy + """
            escalation:
              - id: crisis-sign
                when: {signs: {at_least: 1, stage: crisis}}
                raise_to: crisis
              - id: two-early
                when: {signs: {at_least: 2, stage: early}}
                raise_to: crisis

            """
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": policy, "Rules/people/sam.yaml": LibraryFixture.plan])
        #expect(lines.contains { $0.hasSuffix("warning: escalation rule 'crisis-sign' holds only when the stage is already 'crisis' or above; it never raises it — remove it or widen 'when' [rule-has-no-effect]") }, "\(lines)")
        #expect(!lines.contains { $0.contains("'two-early'") }, "\(lines)")
    }

    @Test("a professional who keeps office hours only, and no 24-hour contact anywhere: 24-hour access is missing")
    func noRoundTheClock() throws {
        let plan = LibraryFixture.plan.replacingOccurrences(
            of: "    phone: \"07700 900123\"\n",
            with: "    phone: \"07700 900123\"\n  - id: gp\n    name: Surgery\n    phone: \"0300 555 0100\"\n    professional: true\n    hours: \"Mon-Fri 09:00-17:00\"\n")
        let missing = "Sam Taylor's plan has no professionals and 24-hour access; a complete crisis plan has it — add it with them [plan-missing]"
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": LibraryFixture.policy, "Rules/people/sam.yaml": plan])
        #expect(lines.contains { $0.hasSuffix("info: " + missing) }, "\(lines)")
        let allHours = plan.replacingOccurrences(of: "hours: \"Mon-Fri 09:00-17:00\"", with: "hours: 24h")
        let complete = try AnalyzeRun.lines(["Rules/policy/a.yaml": LibraryFixture.policy, "Rules/people/sam.yaml": allHours])
        #expect(!complete.contains { $0.hasSuffix(missing) }, "\(complete)")
    }
}
