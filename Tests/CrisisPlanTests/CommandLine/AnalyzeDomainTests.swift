import Testing

/// `crisisplan analyze` reasons over the values an answer can actually see: a fact never
/// observed has its default, `false` or its first value, never a value of its own, and a
/// contact fact names one person at a time.
@Suite("crisisplan analyze reasons over the values facts really take")
struct AnalyzeDomainTests {
    static func flag(_ id: String, _ when: String) -> String {
        """
          - id: \(id)
            kind: statutory
            title: A test
            basis: A test
            when: \(when)
            permits: Nothing.
            must_record: [nothing]

        """
    }

    static let policy = """
        stages:
          - id: well
            label: Well
          - id: crisis
            label: Crisis
        facts:
          - id: level
            type: enum
            values: [none, low, high]
          - id: known
            type: bool
          - id: who
            type: contact
            source_of_harm: true
        flags:

        """
        + flag("every-level", "{fact: level, in: [none, low, high]}")
        + flag("below-the-first", "{not: {fact: level, at_least: none}}")
        + flag("neither", "{all: [{not: {fact: known, is: true}}, {not: {fact: known, is: false}}]}")
        + flag("true-or-false", "{any: [{fact: known, is: true}, {fact: known, is: false}]}")
        + flag("two-people", "{all: [{fact: who, is: lee}, {fact: who, is: kim}]}")
        + flag("lee-or-not", "{any: [{fact: who, is: lee}, {not: {fact: who, is: lee}}]}")
        + flag("lee-and-not-kim", "{all: [{fact: who, is: lee}, {not: {fact: who, is: kim}}]}")

    @Test("facts without a default: every value of an enum, and true or false, always hold; below the first value never does; a contact fact names one person")
    func factsWithoutDefault() throws {
        let lines = try AnalyzeRun.lines(["Rules/policy/a.yaml": Self.policy])
        let expected = [
            "Rules/policy/a.yaml:20:11: warning: flag 'every-level' fires for every state; if that is meant, say so with '# analyze: accept', else narrow 'when' [flag-always-fires]",
            "Rules/policy/a.yaml:27:11: error: flag 'below-the-first' can never fire: no state satisfies its condition; correct the values or the comparison in 'when' [flag-never-fires]",
            "Rules/policy/a.yaml:34:11: error: flag 'neither' can never fire: no state satisfies its condition; correct the values or the comparison in 'when' [flag-never-fires]",
            "Rules/policy/a.yaml:41:11: warning: flag 'true-or-false' fires for every state; if that is meant, say so with '# analyze: accept', else narrow 'when' [flag-always-fires]",
            "Rules/policy/a.yaml:48:11: error: flag 'two-people' can never fire: no state satisfies its condition; correct the values or the comparison in 'when' [flag-never-fires]",
            "Rules/policy/a.yaml:55:11: warning: flag 'lee-or-not' fires for every state; if that is meant, say so with '# analyze: accept', else narrow 'when' [flag-always-fires]",
        ]
        for line in expected { #expect(lines.contains(line), "\(line)\n\(lines.joined(separator: "\n"))") }
        #expect(!lines.contains { $0.contains("'lee-and-not-kim'") }, "\(lines)")
    }
}
