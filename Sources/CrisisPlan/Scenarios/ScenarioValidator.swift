/// Checks that a scenario's expectations name things that exist: stages, contacts, flags,
/// warning codes and refusals. A typo here would make a test pass or fail for the wrong reason.
struct ScenarioValidator {
    let policy: Policy
    let plan: Plan
    private(set) var diagnostics: [Diagnostic] = []

    init(policy: Policy, plan: Plan) {
        self.policy = policy
        self.plan = plan
    }

    mutating func validate(_ scenario: Scenario) {
        if !scenario.steps.contains(where: { $0.ask != nil && $0.answer != nil }) {
            diagnostics.append(
                .warning(
                    "scenario '\(scenario.name)' asks no question, so 'crisisplan train' has nothing to ask; give at least one step 'ask' and 'answer'",
                    at: scenario.personSource ?? SourceLocation(file: scenario.file, line: 1)))
        }
        let matcher = SignMatcher(signs: plan.signs)
        let suggester = SignSuggester(signs: plan.signs, matcher: matcher)
        let planPeople = PlanPeople(plan: plan)
        let decisions = DecisionCatalog(policy: policy, plan: plan)
        let people =
            plan.contacts.map(\.id) + plan.doNotContact.compactMap(\.id)
            + policy.flags.flatMap { $0.effects.addContacts.map(\.id) }
        let flags = policy.flags.map(\.id)
        let stages = policy.stages.map(\.id)
        let codes = AnswerWarning.Code.allCases.map(\.rawValue)
        let promptIds = policy.prompts.map(\.id)
        let consistency = policy.consistency.isEmpty ? nil : Evaluator(policy: policy, plan: plan)
        for step in scenario.steps {
            // A sign that matches nothing is a typo until the step says it is meant: a test
            // that passes on an unrecognised sign would pass for the wrong reason.
            let meant = step.expect?.warningsInclude?.value.contains(AnswerWarning.Code.unknownSign.rawValue) ?? false
            for text in step.observation.signs + step.observation.resolved where !meant && matcher.match(text.text) == nil {
                let near = suggester.suggest(text.text).map { "'\(plan.signs[$0].id)'" }
                let hint = near.isEmpty ? "" : "; did you mean " + near.joined(separator: " or ") + "?"
                if !meant {
                    diagnostics.append(
                        .error(
                            "'\(text.text)' matches none of \(plan.person.name)'s signs\(hint); use a sign's id, words or 'also', or add unknown-sign to this step's expect.warnings_include if it is meant",
                            at: text.source))
                }
            }
            if let consistency { checkConsistency(step, scenario: scenario, evaluator: consistency) }
            checkObservation(step.observation, people: planPeople, decisions: decisions)
            guard let expect = step.expect else { continue }
            if let stage = expect.stage { check([stage.value], [stage.source], in: stages, "stage") }
            for list in [expect.contacts, expect.contactsExclude, expect.withheld].compactMap({ $0 }) {
                check(list.value, list.itemSources, in: people, "contact")
            }
            for list in [expect.flags, expect.flagsInclude, expect.flagsExclude].compactMap({ $0 }) {
                check(list.value, list.itemSources, in: flags, "flag")
            }
            for list in [expect.prompts, expect.promptsInclude].compactMap({ $0 }) {
                check(list.value, list.itemSources, in: promptIds, "prompt")
            }
            for list in [expect.warningsInclude, expect.warningsExclude].compactMap({ $0 }) {
                check(list.value, list.itemSources, in: codes, "warning code")
            }
            // Decisions and roles are names, compared as names are (`ECT`, `Nearest-Relative`):
            // one that names nothing is a typo, never a silent mismatch.
            if let expected = expect.decisions {
                for (name, source) in zip(expected.value, expected.itemSources) where decisions.entry(named: name) == nil {
                    diagnostics.append(.error(decisions.unknownMessage(name), at: source))
                }
            }
            if let expected = expect.conflicts {
                let roles = ["added_contact", "attorney"] + policy.flags.flatMap(\.effects.consultRoles)
                let keys = Set(roles.map(RoleName.key))
                for (role, source) in zip(expected.value, expected.itemSources) where !keys.contains(RoleName.key(role)) {
                    diagnostics.append(
                        .error("unknown conflict role '\(role)'" + Suggestion.hint(for: role, in: roles), at: source))
                }
            }
            let treatments = plan.advanceDecisions.refusals.map(\.treatment)
            for (treatment, expected) in expect.refusals
            where !treatments.contains(where: { TextNormalizer.normalize($0) == TextNormalizer.normalize(treatment) }) {
                diagnostics.append(
                    .error(
                        "unknown refusal '\(treatment)'" + Suggestion.hint(for: treatment, in: treatments),
                        at: expected.source))
            }
        }
    }

    /// A fact must be declared and its value one the policy allows; a `contact` fact must name
    /// someone in the plan (or `someone-else`), and an assessment a declared decision (SPEC v2
    /// §3): the same bad input `respond` refuses, found by `check` at the value.
    private mutating func checkObservation(_ observation: Observation, people: PlanPeople, decisions: DecisionCatalog) {
        for fact in observation.facts {
            guard let declared = policy.fact(fact.fact) ?? policy.facts.first(where: {
                TextNormalizer.normalize($0.id) == TextNormalizer.normalize(fact.fact)
            }) else {
                diagnostics.append(
                    .error(
                        "unknown fact '\(fact.fact)'"
                            + Suggestion.hint(for: fact.fact, in: policy.facts.map(\.id), listing: "declared facts"),
                        at: fact.factSource))
                continue
            }
            switch declared.observedValue(of: fact.value) {
            case .failure(let problem):
                diagnostics.append(.error(problem.message, at: fact.valueSource))
            case .success(.contact(let text)) where people.resolve(text, lookAlikes: declared.sourceOfHarm) == nil:
                diagnostics.append(
                    .error(
                        people.unknownMessage(fact: fact.fact, value: text, personName: plan.person.name),
                        at: fact.valueSource))
            case .success:
                break
            }
        }
        for assessment in observation.capacity where decisions.entry(named: assessment.decision) == nil {
            diagnostics.append(.error(decisions.unknownMessage(assessment.decision), at: assessment.decisionSource))
        }
        for reinstatement in observation.reinstated where people.resolve(reinstatement.contact, lookAlikes: false) == nil {
            diagnostics.append(
                .error(
                    people.unknownMessage(fact: "reinstated", value: reinstatement.contact, personName: plan.person.name),
                    at: reinstatement.source))
        }
    }

    /// The policy's consistency rules at this step (SPEC v3 §10.14): a warning where the
    /// facts so far disagree, e.g. domestic abuse `yes` with abuse `none`.
    private mutating func checkConsistency(_ step: ScenarioStep, scenario: Scenario, evaluator: Evaluator) {
        guard let index = scenario.steps.firstIndex(where: { $0.source == step.source }) else { return }
        guard
            let answer = try? evaluator.evaluate(
                scenario.steps[...index].map(\.observation), now: step.observation.at)
        else { return }
        for warning in answer.warnings where warning.code == .inconsistentFacts {
            diagnostics.append(.warning("inconsistent-facts: " + warning.message, at: step.source))
        }
    }

    private mutating func check(_ values: [String], _ sources: [SourceLocation], in known: [String], _ what: String) {
        for (value, source) in zip(values, sources) where !known.contains(value) {
            diagnostics.append(
                .error("unknown \(what) '\(value)'" + Suggestion.hint(for: value, in: known), at: source))
        }
    }
}
