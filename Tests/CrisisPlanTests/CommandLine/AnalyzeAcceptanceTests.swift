import Testing

/// `# analyze: accept CODE — reason` above an item accepts that item's findings wherever in
/// the item they point (its `when:`, say), as a comment directly above the line found does.
@Suite("crisisplan analyze accepts a finding by a comment above its item")
struct AnalyzeAcceptanceTests {
    static let policy = """
        stages:
          - id: well
            label: Well
          - id: crisis
            label: Crisis
        facts:
          - id: level
            type: enum
            values: [none, high]
            default: none
            asks: What level?
        flags:
          # analyze: accept flag-never-fires — kept until the new form is agreed
          - id: dead
            kind: statutory
            title: A test
            basis: A test
            when: {all: [{fact: level, is: none}, {fact: level, is: high}]}
            permits: Nothing.
            must_record: [nothing]
          # analyze: accept fact-unused — a code this flag does not have
          - id: wrong-code
            kind: statutory
            title: A test
            basis: A test
            when: {all: [{fact: level, is: none}, {fact: level, is: high}]}
            permits: Nothing.
            must_record: [nothing]
        escalation:
          # analyze: accept rule-never-fires — kept for the record
          - id: dead-rule
            when: {all: [{fact: level, is: none}, {fact: level, is: high}]}
            raise_to: crisis
          - id: live
            when: {fact: level, is: high}
            raise_to: crisis
        prompts:
          # analyze: accept prompt-never-opens - kept for training
          - id: dead-prompt
            ask: level
            when: {all: [{fact: level, is: none}, {fact: level, is: high}]}
            because: A test.
          - id: dead-too
            ask: level
            # analyze: accept prompt-never-opens — directly above the condition
            when: {all: [{fact: level, is: none}, {fact: level, is: high}]}
            because: A test.

        """

    @Test("a comment above the item's id accepts a finding at its condition; one above the condition still does; another code does not")
    func acceptAboveItem() throws {
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": Self.policy])
        let expected = [
            "Rules/policy/a.yaml:18:11: info [accepted]: flag 'dead' can never fire: no state satisfies its condition; correct the values or the comparison in 'when' — kept until the new form is agreed [flag-never-fires]",
            "Rules/policy/a.yaml:26:11: error: flag 'wrong-code' can never fire: no state satisfies its condition; correct the values or the comparison in 'when' [flag-never-fires]",
            "Rules/policy/a.yaml:32:11: info [accepted]: escalation rule 'dead-rule' can never hold; correct its 'when' — kept for the record [rule-never-fires]",
            "Rules/policy/a.yaml:41:11: info [accepted]: prompt 'dead-prompt' can never open: no state satisfies its condition; correct its 'when' — kept for training [prompt-never-opens]",
            "Rules/policy/a.yaml:46:11: info [accepted]: prompt 'dead-too' can never open: no state satisfies its condition; correct its 'when' — directly above the condition [prompt-never-opens]",
        ]
        for line in expected { #expect(lines.contains(line), "\(line)\n\(lines.joined(separator: "\n"))") }
    }
}
