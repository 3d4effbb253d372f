import Foundation

@testable import CrisisPlan

/// A small valid library, and the diagnostics `check` gives for variations of it.
enum LibraryFixture {
    static let policy = """
        stages:
          - id: well
            label: Well
          - id: early
            label: Early
          - id: crisis
            label: Crisis
        facts:
          - id: abuse
            type: enum
            values: [none, suspected, disclosed]
          - id: needs
            type: bool
          - id: harm_source
            type: contact
        flags:
          - id: s42
            kind: safeguarding
            title: Safeguarding
            basis: Care Act 2014 s42(1)
            when: {fact: abuse, at_least: suspected}
            permits: Raising a concern.
            must_record: [what was shared]
            effects:
              withhold_contact_named_by: harm_source
        language:
          - avoid: non-compliant
            prefer: declined
          - avoid: high risk
            prefer: describe what happened
            unless_followed_by: of
        decisions:
          - id: admission
            deprivation_of_liberty: true

        """

    static let plan = """
        person:
          id: sam
          name: Sam Taylor
        plan:
          agreed: 2026-09-14
          review_by: 2027-03-14
        early_warning_signs:
          - id: sleep-loss
            says: I stop sleeping
            also: [not sleeping]
            stage: early
        responses:
          early:
            - by: me
              do: Walk the dog
        contacts:
          - id: jo
            name: Jo Taylor
            phone: "07700 900123"
        contact_routes:
          early: [jo]
        do_not_contact:
          - id: mark
            name: Mark Taylor
            reason: I do not want him told.

        """

    /// Diagnostic summaries for a library of these files, checked as of 2026-11-24.
    static func diagnostics(_ files: [String: String]) throws -> [String] {
        let library = try TemporaryLibrary(files)
        defer { library.remove() }
        let loaded = RulesLoader.loadLibrary(RulesDirectory(library.root), today: CalendarDate(parsing: "2026-11-24"))
        return loaded.diagnostics.map { $0.summary.replacingOccurrences(of: library.root + "/", with: "") }
    }

    /// Diagnostics for the base policy and a plan edited by `edit`.
    static func planDiagnostics(_ text: String, file: String = "people/sam.yaml") throws -> [String] {
        try diagnostics(["policy/policy.yaml": policy, file: text])
    }

    static func policyDiagnostics(_ text: String) throws -> [String] {
        try diagnostics(["policy/policy.yaml": text, "people/sam.yaml": plan])
    }
}

extension String {
    func replacing(_ old: String, with new: String) -> String {
        replacingOccurrences(of: old, with: new)
    }
}
