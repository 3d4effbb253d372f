/// Compares an answer with what a step expects, producing a readable difference per key.
enum ExpectationCheck {
    static func failures(_ expect: Expectation, _ answer: Answer) -> [ExpectationFailure] {
        var failures: [ExpectationFailure] = []
        func fail(_ key: String, _ expected: String, _ actual: String, _ source: SourceLocation) {
            failures.append(ExpectationFailure(key: key, expected: expected, actual: actual, source: source))
        }
        func list(_ values: [String]) -> String { "[" + values.joined(separator: ", ") + "]" }

        if let stage = expect.stage, stage.value != answer.stage.id {
            fail("stage", stage.value, answer.stage.id, stage.source)
        }
        if let first = expect.firstResponse {
            let actual = answer.ownResponses.first?.action
            if !(actual?.contains(first.value) ?? false) {
                fail(
                    "first_response", "a first response containing '\(first.value)'",
                    actual.map { "'\($0)'" } ?? "no responses", first.source)
            }
        }
        /// `key: [ids]` must all be present (include) or all absent (exclude) among `actual`.
        func include(_ key: String, _ expected: Expected<[String]>?, _ actual: [String]) {
            guard let expected else { return }
            let missing = expected.value.filter { !actual.contains($0) }
            if !missing.isEmpty {
                fail(
                    key, "including " + list(expected.value), list(actual) + ", missing " + list(missing),
                    expected.source)
            }
        }
        func exclude(_ key: String, _ expected: Expected<[String]>?, _ actual: [String]) {
            guard let expected else { return }
            let present = expected.value.filter(actual.contains)
            if !present.isEmpty {
                fail(
                    key, "none of " + list(expected.value), list(actual) + ", including " + list(present),
                    expected.source)
            }
        }

        let contacts = answer.contacts.map(\.id)
        if let expected = expect.contacts, expected.value != contacts {
            fail("contacts", list(expected.value), list(contacts), expected.source)
        }
        exclude("contacts_exclude", expect.contactsExclude, contacts)
        let flags = answer.flags.map(\.id)
        if let expected = expect.flags, Set(expected.value) != Set(flags) {
            fail("flags", list(expected.value.sorted()), list(flags.sorted()), expected.source)
        }
        include("flags_include", expect.flagsInclude, flags)
        exclude("flags_exclude", expect.flagsExclude, flags)
        let warnings = answer.warnings.map(\.code.rawValue)
        include("warnings_include", expect.warningsInclude, warnings)
        exclude("warnings_exclude", expect.warningsExclude, warnings)
        let withheld = answer.withheld.map { $0.id ?? $0.name }
        if let expected = expect.withheld, expected.value != withheld {
            fail("withheld", list(expected.value), list(withheld), expected.source)
        }
        let prompts = answer.prompts.map(\.id)
        if let expected = expect.prompts, expected.value != prompts {
            fail("prompts", list(expected.value), list(prompts), expected.source)
        }
        include("prompts_include", expect.promptsInclude, prompts)
        // Roles and decisions as names are everywhere: `Nearest-Relative` is `nearest_relative`,
        // `ECT` is `ect`.
        if let expected = expect.conflicts,
            Set(expected.value.map(RoleName.key)) != Set(answer.conflicts.map { RoleName.key($0.role) })
        {
            fail("conflicts", list(expected.value), list(answer.conflicts.map(\.role)), expected.source)
        }
        if let expected = expect.stageBecause, !answer.stage.because.contains(where: { $0.contains(expected.value) }) {
            fail(
                "stage_because", "a reason containing '\(expected.value)'", list(answer.stage.because), expected.source)
        }
        if let expected = expect.decisions {
            let decisions = answer.flags.flatMap(\.decisions)
            if Set(expected.value.map(TextNormalizer.normalize)) != Set(decisions.map(TextNormalizer.normalize)) {
                fail("decisions", list(expected.value), list(decisions), expected.source)
            }
        }
        // With no attorney in the answer, neither `true` nor `false` holds: a test that the
        // attorney cannot act must not pass because the attorney was taken out of the plan.
        if let expected = expect.attorneyCanAct, answer.attorney?.canAct != expected.value {
            fail(
                "attorney_can_act", String(expected.value),
                answer.attorney.map { "\($0.canAct) (\($0.because))" } ?? "no attorney", expected.source)
        }
        for (treatment, expected) in expect.refusals {
            guard
                let refusal = answer.refusals.first(where: {
                    TextNormalizer.normalize($0.treatment) == TextNormalizer.normalize(treatment)
                })
            else {
                fail("refusals", "a refusal of \(treatment)", "none", expected.source)
                continue
            }
            let actual: String
            if !refusal.binding {
                actual = "not binding"
            } else if let flag = refusal.mayBeOverriddenBy {
                actual = "may be overridden by \(flag)"
            } else {
                actual = "binding"
            }
            if actual != expected.value { fail("refusals: \(treatment)", expected.value, actual, expected.source) }
        }
        return failures
    }
}
