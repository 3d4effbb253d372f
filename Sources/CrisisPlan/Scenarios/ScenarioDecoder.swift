/// Reads a scenario file (SPEC §7) into a `Scenario`, collecting every problem.
struct ScenarioDecoder {
    let decoder: FileDecoder

    static let stepKeys = ObservationDecoder.observationKeys + ["narrative", "ask", "answer", "expect"]

    func decode(_ root: YAMLNode?) -> Scenario? {
        guard let root else {
            decoder.error(
                "the scenario file is empty; a scenario needs 'scenario', 'person' or 'plan', and 'steps'",
                at: Mark(line: 1, column: 1))
            return nil
        }
        guard
            let fields = decoder.fields(
                root, "scenario", keys: ["scenario", "person", "plan", "teaches", "steps"],
                required: ["scenario", "steps"])
        else { return nil }
        let name = decoder.text(fields, "scenario")
        var person: String?
        var personSource: SourceLocation?
        if let node = fields["person"] {
            person = decoder.text(node, "'person'")
            personSource = decoder.location(node.mark)
        }
        var plan: Plan?
        if let node = fields["plan"] {
            plan = PlanFileDecoder(decoder: decoder).decode(node)
        }
        if (fields["person"] == nil) == (fields["plan"] == nil) {
            decoder.error(
                "a scenario names exactly one of 'person' (an id in Rules/people) and 'plan' (a whole plan)",
                at: root.mark)
        }
        let teaches = decoder.textList(fields["teaches"], "'teaches'").map(\.text)
        var steps: [ScenarioStep] = []
        if let node = fields["steps"], let items = decoder.list(node, "'steps'") {
            if items.isEmpty { decoder.error("'steps' needs at least one step", at: node.mark) }
            steps = items.compactMap(step)
        }
        let observations = steps.map(\.observation)
        for (previous, next) in zip(observations, observations.dropFirst()) where next.at < previous.at {
            decoder.error(
                "steps are one timeline, oldest first: \(next.at) is before the previous step's \(previous.at)",
                at: next.source.mark)
        }
        guard let name else { return nil }
        return Scenario(
            name: name, person: person, personSource: personSource, plan: plan, teaches: teaches, steps: steps,
            file: decoder.file)
    }

    private func step(_ node: YAMLNode) -> ScenarioStep? {
        guard let observation = ObservationDecoder.observation(node, decoder, what: "step", extraKeys: Self.stepKeys),
            case .mapping(let entries) = node.content
        else { return nil }
        let fields = Fields(entries: entries, mark: node.mark)
        let answer = decoder.choice(fields, "answer", AnswerKind.allCases.map(\.rawValue)).flatMap(AnswerKind.init)
        let expect = fields["expect"].flatMap(expectation)
        return ScenarioStep(
            observation: observation, narrative: decoder.text(fields, "narrative"), ask: decoder.text(fields, "ask"),
            answer: answer, expect: expect, source: decoder.location(node.mark))
    }

    private func expectation(_ node: YAMLNode) -> Expectation? {
        guard let fields = decoder.fields(node, "expect", keys: Expectation.keys) else { return nil }
        var expect = Expectation()
        expect.stage = text(fields, "stage")
        expect.firstResponse = text(fields, "first_response")
        expect.contacts = list(fields, "contacts")
        expect.contactsExclude = list(fields, "contacts_exclude")
        expect.flags = list(fields, "flags")
        expect.flagsInclude = list(fields, "flags_include")
        expect.flagsExclude = list(fields, "flags_exclude")
        expect.warningsInclude = list(fields, "warnings_include")
        expect.warningsExclude = list(fields, "warnings_exclude")
        expect.withheld = list(fields, "withheld")
        expect.conflicts = list(fields, "conflicts")
        expect.stageBecause = text(fields, "stage_because")
        expect.decisions = list(fields, "decisions")
        expect.prompts = list(fields, "prompts")
        expect.promptsInclude = list(fields, "prompts_include")
        if let value = decoder.bool(fields, "attorney_can_act"), let node = fields["attorney_can_act"] {
            expect.attorneyCanAct = Expected(value: value, itemSources: [], source: decoder.location(node.mark))
        }
        if fields["flags"] != nil && (fields["flags_include"] != nil || fields["flags_exclude"] != nil) {
            decoder.error(
                "'flags' is the exact set; use it or 'flags_include'/'flags_exclude', not both",
                at: fields.keyMark("flags")!)
        }
        if fields["prompts"] != nil && fields["prompts_include"] != nil {
            decoder.error(
                "'prompts' is the exact list; use it or 'prompts_include', not both", at: fields.keyMark("prompts")!)
        }
        // An id both required and ruled out can never pass: a test that cannot pass is as
        // useless as one that cannot fail.
        for (include, exclude) in [(expect.flagsInclude, expect.flagsExclude), (expect.warningsInclude, expect.warningsExclude)] {
            guard let include, let exclude else { continue }
            for (value, source) in zip(exclude.value, exclude.itemSources) where include.value.contains(value) {
                decoder.error("'\(value)' is both included and excluded, so this step can never pass; keep one", at: source.mark)
            }
        }
        if case .mapping(let entries) = node.content, entries.isEmpty {
            decoder.error(
                "'expect' is empty, so this step can never fail; say what the answer must hold (stage, contacts, flags, …) or leave 'expect' out",
                at: node.mark)
        }
        if let node = fields["refusals"] {
            if case .mapping(let entries) = node.content {
                for entry in entries {
                    guard let state = decoder.text(entry.value, "refusal '\(entry.key)'") else { continue }
                    let allowed =
                        state == "binding" || state == "not binding" || state.hasPrefix("may be overridden by ")
                    if !allowed {
                        decoder.error(
                            "refusal '\(entry.key)' expects 'binding', 'not binding' or 'may be overridden by FLAG', found '\(state)'",
                            at: entry.value.mark)
                    }
                    expect.refusals.append(
                        (entry.key, Expected(value: state, itemSources: [], source: decoder.location(entry.keyMark))))
                }
            } else {
                decoder.error("expected 'refusals' as a map from treatment to binding or not binding", at: node.mark)
            }
        }
        return expect
    }

    private func text(_ fields: Fields, _ key: String) -> Expected<String>? {
        guard let node = fields[key], let value = decoder.text(node, "'\(key)'") else { return nil }
        return Expected(value: value, itemSources: [], source: decoder.location(node.mark))
    }

    private func list(_ fields: Fields, _ key: String) -> Expected<[String]>? {
        guard let node = fields[key] else { return nil }
        let items = decoder.textList(node, "'\(key)'")
        return Expected(value: items.map(\.text), itemSources: items.map(\.source), source: decoder.location(node.mark))
    }
}
