import Testing

/// `crisisplan analyze` reasons about stages only among those a loaded plan can reach: a
/// condition on a stage nothing reaches never holds, and one on every stage reached always does.
@Suite("crisisplan analyze limits stages to those a plan can reach")
struct AnalyzeReachableStageTests {
    static let policy = """
        stages:
          - id: well
            label: Well
          - id: early
            label: Early
          - id: crisis
            label: Crisis
          - id: top
            label: Top
        facts:
          - id: level
            type: enum
            values: [none, high]
            default: none
        escalation:
          - id: high
            when: {fact: level, is: high}
            raise_to: crisis
        flags:
          - id: at-top
            kind: statutory
            title: A test
            basis: A test
            when: {stage: {is: top}}
            permits: Nothing.
            must_record: [nothing]
          - id: up-to-crisis
            kind: statutory
            title: A test
            basis: A test
            when: {stage: {at_most: crisis}}
            permits: Nothing.
            must_record: [nothing]

        """

    static let plan = """
        person:
          id: lou
          name: Lou Fenn
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
        contacts:
          - id: jo
            name: Jo Fenn
            phone: "07700 900301"
        contact_routes:
          early: [jo]
          crisis: [jo]

        """

    @Test("a stage reached only by a flag that never fires is unreachable")
    func reachedOnlyByNothing() throws {
        let policy = Self.policy
            .replacingOccurrences(
                of: "            when: {stage: {is: top}}\n            permits: Nothing.",
                with: "            when: {all: [{fact: level, is: high}, {fact: level, is: none}]}\n            permits: Nothing.\n            effects: {raise_to: top}")
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": policy, "Rules/people/lou.yaml": Self.plan])
        #expect(
            lines.contains { $0.hasSuffix("warning: stage 'top' is reached by no sign of any plan, no escalation rule and no flag; give it a rule or remove it [stage-unreachable]") },
            "\(lines.joined(separator: "\n"))")
    }

    @Test("a flag on a stage nothing reaches never fires; one on every reachable stage always fires; the stage is still reported")
    func reachableStages() throws {
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": Self.policy, "Rules/people/lou.yaml": Self.plan])
        let expected = [
            "Rules/policy/a.yaml:8:5: warning: stage 'top' is reached by no sign of any plan, no escalation rule and no flag; give it a rule or remove it [stage-unreachable]",
            "Rules/policy/a.yaml:24:11: error: flag 'at-top' can never fire: no state satisfies its condition; correct the values or the comparison in 'when' [flag-never-fires]",
            "Rules/policy/a.yaml:31:11: warning: flag 'up-to-crisis' fires for every state; if that is meant, say so with '# analyze: accept', else narrow 'when' [flag-always-fires]",
        ]
        for line in expected { #expect(lines.contains(line), "\(line)\n\(lines.joined(separator: "\n"))") }
    }

    @Test(
        "a rule or flag that holds only at the stage it raises to reaches nothing: the stage stays unreachable and a flag on it never fires",
        arguments: [
            "escalation:\n  - id: high\n    when: {fact: level, is: high}\n    raise_to: crisis\n  - id: chain\n    when: {stage: {at_least: top}}\n    raise_to: top\n",
            "escalation:\n  - id: high\n    when: {fact: level, is: high}\n    raise_to: crisis\n  - id: chain\n    when: {all: [{stage: {is: top}}, {fact: level, is: high}]}\n    raise_to: top\n",
        ])
    func reachedOnlyFromItself(escalation: String) throws {
        let policy = Self.policy.replacingOccurrences(
            of: "escalation:\n  - id: high\n    when: {fact: level, is: high}\n    raise_to: crisis\n", with: escalation)
        #expect(policy != Self.policy)
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": policy, "Rules/people/lou.yaml": Self.plan])
        #expect(lines.contains { $0.hasSuffix("warning: stage 'top' is reached by no sign of any plan, no escalation rule and no flag; give it a rule or remove it [stage-unreachable]") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.contains("flag 'at-top' can never fire") }, "\(lines.joined(separator: "\n"))")
    }

    @Test("a flag raising to a stage from a stage below it reaches it, and what it reaches can reach further")
    func reachedStepByStep() throws {
        let policy = Self.policy.replacingOccurrences(
            of: "    raise_to: crisis\n",
            with: "    raise_to: crisis\n  - id: from-crisis\n    when: {stage: {is: crisis}}\n    raise_to: top\n")
        #expect(policy != Self.policy)
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": policy, "Rules/people/lou.yaml": Self.plan])
        #expect(!lines.contains { $0.contains("[stage-unreachable]") }, "\(lines.joined(separator: "\n"))")
        #expect(!lines.contains { $0.contains("flag 'at-top' can never fire") }, "\(lines.joined(separator: "\n"))")
    }
}
