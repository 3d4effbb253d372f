/// Decodes one `Rules/policy/*.yaml` file into a `PolicyFragment`.
struct PolicyFileDecoder {
    let decoder: FileDecoder

    static let topLevelKeys = [
        "stages", "signs_active_for", "capacity_valid_for", "facts", "decisions", "escalation", "flags",
        "language", "prompts", "red_flags", "timezone", "holidays", "consistency", "override_reasons",
    ]

    func decode(_ root: YAMLNode?) -> PolicyFragment {
        var fragment = PolicyFragment()
        guard let root else {
            decoder.error(
                "the policy file is empty; expected keys such as: stages, facts, flags", at: Mark(line: 1, column: 1))
            return fragment
        }
        guard let fields = decoder.fields(root, "policy", keys: Self.topLevelKeys) else { return fragment }
        if let node = fields["stages"] {
            fragment.stages = items(node, "stages").compactMap(stage)
            fragment.stagesSource = decoder.location(fields.keyMark("stages")!)
        }
        if let duration = decoder.duration(fields, "signs_active_for") {
            fragment.signsActiveFor = (duration, decoder.location(fields.keyMark("signs_active_for")!))
        }
        if let duration = decoder.duration(fields, "capacity_valid_for") {
            fragment.capacityValidFor = (duration, decoder.location(fields.keyMark("capacity_valid_for")!))
        }
        fragment.facts = items(fields["facts"], "facts").compactMap(fact)
        if let node = fields["decisions"] {
            fragment.decisions = items(node, "decisions").compactMap(decision)
        }
        fragment.escalation = items(fields["escalation"], "escalation").compactMap(escalationRule)
        fragment.flags = items(fields["flags"], "flags").compactMap(flag)
        fragment.language = items(fields["language"], "language").compactMap(languageRule)
        fragment.prompts = items(fields["prompts"], "prompts").compactMap(prompt)
        fragment.redFlags = items(fields["red_flags"], "red_flags").compactMap(redFlag)
        fragment.consistency = items(fields["consistency"], "consistency").compactMap(consistencyRule)
        fragment.overrideReasons = items(fields["override_reasons"], "override_reasons").compactMap(overrideReason)
        if let node = fields["timezone"], let zone = decoder.text(node, "'timezone'") {
            fragment.timezone = (zone, decoder.location(node.mark))
            if LocalTime(identifier: zone) == nil {
                decoder.error(
                    "unknown time zone '\(zone)'; write an IANA name such as Europe/London (the time-zone database must be installed)",
                    at: node.mark)
            }
        }
        if let node = fields["holidays"] {
            for item in decoder.textList(node, "'holidays'") {
                guard let date = CalendarDate(parsing: item.text) else {
                    decoder.error(
                        "'holidays' takes dates written YYYY-MM-DD, like 2026-12-25; found '\(item.text)'",
                        at: item.source.mark)
                    continue
                }
                fragment.holidays.append(date)
            }
            fragment.holidaysSource = decoder.location(node.mark)
        }
        return fragment
    }

    private func items(_ node: YAMLNode?, _ what: String) -> [YAMLNode] {
        guard let node else { return [] }
        return decoder.list(node, "'\(what)'") ?? []
    }

    private func stage(_ node: YAMLNode) -> Stage? {
        let fields = decoder.fields(node, "stage", keys: ["id", "label"], required: ["id", "label"])
        guard let id = decoder.text(fields, "id"), let label = decoder.text(fields, "label") else { return nil }
        return Stage(id: id, label: label, source: decoder.location(node.mark))
    }

    private func fact(_ node: YAMLNode) -> FactDeclaration? {
        let fields = decoder.fields(
            node, "fact", keys: ["id", "type", "values", "default", "asks", "source_of_harm", "not_asked", "labels"],
            required: ["id", "type"])
        let id = decoder.text(fields, "id")
        let type = decoder.choice(fields, "type", ["bool", "enum", "contact"])
        let defaultValue = fields?["default"].flatMap { decoder.operand($0, "'default'") }
        let asks = decoder.text(fields, "asks")
        guard let id, let type else { return nil }
        let kind: FactDeclaration.Kind
        switch type {
        case "enum":
            guard let valuesNode = fields?["values"] else {
                decoder.error("fact '\(id)' is an enum and needs 'values', lowest first", at: node.mark)
                return nil
            }
            let values = decoder.textList(valuesNode, "'values'")
            if values.isEmpty { decoder.error("'values' needs at least one value", at: valuesNode.mark) }
            var seen: [String: SourceLocation] = [:]
            for value in values {
                if let first = seen[value.text] {
                    decoder.error(
                        "duplicate value '\(value.text)'; it is already listed on line \(first.line)",
                        at: value.source.mark)
                }
                seen[value.text] = value.source
            }
            kind = .enumeration(values.map(\.text))
        case "bool":
            kind = .bool
        default:
            kind = .contact
        }
        if let valuesNode = fields?["values"], type != "enum" {
            decoder.error("'values' is only for facts of type enum; fact '\(id)' is \(type)", at: valuesNode.mark)
        }
        // A default of a contact fact names no one: contacts differ from plan to plan, and a
        // default that named someone could withhold them before anything was observed. It is
        // kept out of the declaration, and `check` says so rather than refusing the policy.
        if type == "contact", let defaultNode = fields?["default"] {
            decoder.warning(
                "a contact fact's default names no one (contacts differ from plan to plan); it is ignored",
                at: defaultNode.mark)
        }
        var declaration = FactDeclaration(
            id: id, kind: kind, defaultValue: type == "contact" ? nil : defaultValue, asks: asks,
            source: decoder.location(node.mark))
        if let sourceOfHarm = decoder.bool(fields, "source_of_harm"), let keyNode = fields?["source_of_harm"] {
            declaration.sourceOfHarm = sourceOfHarm
            declaration.sourceOfHarmSource = decoder.location(keyNode.mark)
            if sourceOfHarm && type != "contact" {
                decoder.error(
                    "'source_of_harm' is for contact facts, which name a person; fact '\(id)' is \(type)",
                    at: keyNode.mark)
            }
        }
        if let notAsked = decoder.text(fields, "not_asked"), let keyNode = fields?["not_asked"] {
            declaration.notAsked = notAsked
            declaration.notAskedSource = decoder.location(keyNode.mark)
            if case .enumeration(let values) = kind {
                if !values.contains(notAsked) {
                    decoder.error(
                        "'not_asked' must name one of fact '\(id)''s values"
                            + Suggestion.hint(for: notAsked, in: values), at: keyNode.mark)
                }
            } else {
                decoder.error("'not_asked' is for enum facts; fact '\(id)' is \(type)", at: keyNode.mark)
            }
        }
        if let labelsNode = fields?["labels"] {
            declaration.labels = labels(labelsNode, fact: id, kind: kind)
        }
        if case .enumeration(let values) = kind { uniqueAfterNormalising(values, fact: id, node: fields?["values"]) }
        return declaration
    }

    /// `labels: {value: text}`: each key a declared value of the enum.
    private func labels(
        _ node: YAMLNode, fact id: String, kind: FactDeclaration.Kind
    ) -> [(value: String, label: String, source: SourceLocation)] {
        guard case .enumeration(let values) = kind else {
            decoder.error("'labels' is for enum facts, to name their values; fact '\(id)' is not an enum", at: node.mark)
            return []
        }
        guard case .mapping(let entries) = node.content else {
            decoder.error("expected 'labels' as a map from value to label, found \(node.kindDescription)", at: node.mark)
            return []
        }
        var result: [(value: String, label: String, source: SourceLocation)] = []
        for entry in entries {
            guard values.contains(entry.key) else {
                decoder.error(
                    "'\(entry.key)' is not a value of fact '\(id)'" + Suggestion.hint(for: entry.key, in: values),
                    at: entry.keyMark)
                continue
            }
            if let label = decoder.text(entry.value, "the label of '\(entry.key)'") {
                result.append((entry.key, label, decoder.location(entry.keyMark)))
            }
        }
        return result
    }

    /// Values are compared after normalisation in observations, so two that normalise alike
    /// could not be told apart.
    private func uniqueAfterNormalising(_ values: [String], fact id: String, node: YAMLNode?) {
        var seen: [String: String] = [:]
        for value in values {
            let key = TextNormalizer.normalize(value)
            if let first = seen[key], first != value {
                decoder.error(
                    "values '\(first)' and '\(value)' of fact '\(id)' are the same once case, spaces, hyphens and underscores are set aside; observations could not tell them apart",
                    at: node?.mark ?? Mark(line: 1, column: 1))
            }
            seen[key] = seen[key] ?? value
        }
    }

    private func decision(_ node: YAMLNode) -> Decision? {
        let booleans = ["deprivation_of_liberty", "for_mental_disorder", "life_sustaining"]
        let fields = decoder.fields(
            node, "decision", keys: ["id", "label", "treatment", "domain", "ect", "also"] + booleans, required: ["id"])
        let id = decoder.text(fields, "id")
        let label = decoder.text(fields, "label")
        let treatment = decoder.text(fields, "treatment")
        let flags = booleans.map { decoder.bool(fields, $0) ?? false }
        let domain = decoder.choice(fields, "domain", Decision.Domain.allCases.map(\.rawValue))
            .flatMap(Decision.Domain.init) ?? .welfare
        let ect = decoder.bool(fields, "ect") ?? false
        let also = decoder.textList(fields?["also"], "'also'").map(\.text)
        guard let id else { return nil }
        return Decision(
            id: id, label: label, treatment: treatment, deprivationOfLiberty: flags[0], forMentalDisorder: flags[1],
            lifeSustaining: flags[2], domain: domain, ect: ect, also: also, source: decoder.location(node.mark))
    }

    private func escalationRule(_ node: YAMLNode) -> EscalationRule? {
        let fields = decoder.fields(
            node, "escalation rule", keys: ["id", "when", "raise_to"], required: ["id", "when", "raise_to"])
        let id = decoder.text(fields, "id")
        let when = fields?["when"].flatMap(ConditionDecoder(decoder: decoder).decode)
        let raiseTo = decoder.text(fields, "raise_to")
        guard let id, let when, let raiseTo, let raiseNode = fields?["raise_to"] else { return nil }
        return EscalationRule(
            id: id, when: when, raiseTo: raiseTo, raiseToSource: decoder.location(raiseNode.mark),
            source: decoder.location(node.mark))
    }

    private func flag(_ node: YAMLNode) -> Flag? {
        let fields = decoder.fields(
            node, "flag",
            keys: [
                "id", "kind", "title", "basis", "first_action", "when", "permits", "guidance", "must_record",
                "effects",
            ],
            required: ["id", "kind", "title", "basis", "when"])
        let id = decoder.text(fields, "id")
        let kind = decoder.choice(fields, "kind", Flag.Kind.allCases.map(\.rawValue)).flatMap(Flag.Kind.init)
        let title = decoder.text(fields, "title")
        let basis = decoder.text(fields, "basis")
        let when = fields?["when"].flatMap(ConditionDecoder(decoder: decoder).decode)
        let permits = decoder.text(fields, "permits")
        let firstAction = decoder.text(fields, "first_action")
        if let firstAction, let node = fields?["first_action"] {
            if firstAction.contains(where: \.isNewline) {
                decoder.error("'first_action' is one line, shown under the EMERGENCY header; found more than one", at: node.mark)
            } else if firstAction.count > 72 {
                decoder.error(
                    "'first_action' is at most 72 characters, to fit under the EMERGENCY header; found \(firstAction.count)",
                    at: node.mark)
            }
        }
        let guidance = decoder.textList(fields?["guidance"], "'guidance'").map(\.text)
        let mustRecord = decoder.textList(fields?["must_record"], "'must_record'").map(\.text)
        let effects = fields?["effects"].map(self.effects) ?? FlagEffects()
        guard let id, let kind, let title, let basis, let when else { return nil }
        if permits == nil || mustRecord.isEmpty {
            let missing = [permits == nil ? "'permits'" : nil, mustRecord.isEmpty ? "'must_record'" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            decoder.warning(
                "flag '\(id)' has no \(missing); say what the override allows and what staff must record",
                at: node.mark)
        }
        return Flag(
            id: id, kind: kind, title: title, basis: basis, firstAction: firstAction, when: when, permits: permits, guidance: guidance,
            mustRecord: mustRecord, effects: effects, source: decoder.location(node.mark))
    }

    private func effects(_ node: YAMLNode) -> FlagEffects {
        var effects = FlagEffects()
        let fields = decoder.fields(
            node, "effects",
            keys: [
                "withhold_contact_named_by", "add_contacts", "raise_to", "consult_roles", "mha_part4", "note_contacts",
            ])
        if let value = fields?["withhold_contact_named_by"] {
            effects.withholdContactNamedBy = decoder.text(value, "'withhold_contact_named_by'")
            effects.withholdSource = decoder.location(value.mark)
        }
        let plan = PlanFileDecoder(decoder: decoder)
        effects.addContacts = items(fields?["add_contacts"], "add_contacts").compactMap(plan.contact)
        if let value = fields?["raise_to"] {
            effects.raiseTo = decoder.text(value, "'raise_to'")
            effects.raiseToSource = decoder.location(value.mark)
        }
        effects.consultRoles = decoder.textList(fields?["consult_roles"], "'consult_roles'").map { RoleName.normalized($0.text) }
        effects.mhaPart4 = decoder.bool(fields, "mha_part4") ?? false
        effects.noteContacts = fields?["note_contacts"].flatMap(contactNote)
        return effects
    }

    /// `note_contacts: {professional: false, note: TEXT}` or `{ids: [...], note: TEXT}`.
    private func contactNote(_ node: YAMLNode) -> ContactNote? {
        let fields = decoder.fields(node, "note_contacts", keys: ["professional", "ids", "note"], required: ["note"])
        let professional = decoder.bool(fields, "professional")
        let ids = fields?["ids"].map { decoder.textList($0, "'ids'").map(\.text) }
        guard let note = decoder.text(fields, "note") else { return nil }
        if professional == nil && ids == nil {
            decoder.error(
                "'note_contacts' needs 'professional: true|false' or 'ids: [...]' to say which contacts the note is for",
                at: node.mark)
            return nil
        }
        return ContactNote(professional: professional, ids: ids, note: note, source: decoder.location(node.mark))
    }

    private func prompt(_ node: YAMLNode) -> Prompt? {
        let fields = decoder.fields(node, "prompt", keys: ["id", "ask", "when", "because"], required: ["id", "ask"])
        let id = decoder.text(fields, "id")
        let ask = decoder.text(fields, "ask")
        let when = fields?["when"].flatMap(ConditionDecoder(decoder: decoder).decode)
        let because = decoder.text(fields, "because") ?? ""
        guard let id, let ask, let askNode = fields?["ask"], fields?["when"] == nil || when != nil else { return nil }
        return Prompt(
            id: id, ask: ask, askSource: decoder.location(askNode.mark), when: when, because: because,
            source: decoder.location(node.mark))
    }

    private func redFlag(_ node: YAMLNode) -> RedFlag? {
        let fields = decoder.fields(
            node, "red flag", keys: ["id", "words", "ask", "message"], required: ["id", "words", "ask", "message"])
        let id = decoder.text(fields, "id")
        let listed = decoder.textList(fields?["words"], "'words'")
        // A stem is letters then one `*` at the end of a word: `*` alone, or after a letter or
        // two, would make nearly every typed word a possible emergency.
        for item in listed {
            for word in item.text.split(separator: " ") where word.contains("*") {
                let stem = word.dropLast()
                if word.last != "*" || stem.contains("*") || stem.count < 3 {
                    decoder.error(
                        "'\(word)' in 'words': '*' ends a stem of three letters or more, like 'overdos*'",
                        at: item.source.mark)
                }
            }
        }
        let words = listed.map(\.text)
        let ask = decoder.text(fields, "ask")
        let message = decoder.text(fields, "message")
        if let wordsNode = fields?["words"], words.isEmpty {
            decoder.error("'words' needs at least one word or phrase", at: wordsNode.mark)
        }
        guard let id, let ask, let message, let askNode = fields?["ask"], !words.isEmpty else { return nil }
        return RedFlag(
            id: id, words: words, ask: ask, askSource: decoder.location(askNode.mark), message: message,
            source: decoder.location(node.mark))
    }

    /// `{id, label}`; a label alone (`- The person asked for something else`) is its own id.
    private func overrideReason(_ node: YAMLNode) -> OverrideReason? {
        if case .scalar = node.content, let label = decoder.text(node, "an override reason") {
            return OverrideReason(id: label, label: label, source: decoder.location(node.mark))
        }
        let fields = decoder.fields(node, "override reason", keys: ["id", "label"], required: ["id", "label"])
        guard let id = decoder.text(fields, "id"), let label = decoder.text(fields, "label") else { return nil }
        return OverrideReason(id: id, label: label, source: decoder.location(node.mark))
    }

    private func consistencyRule(_ node: YAMLNode) -> ConsistencyRule? {
        let fields = decoder.fields(
            node, "consistency rule", keys: ["id", "when", "expect", "message"],
            required: ["id", "when", "expect", "message"])
        let id = decoder.text(fields, "id")
        let conditions = ConditionDecoder(decoder: decoder)
        let when = fields?["when"].flatMap(conditions.decode)
        let expect = fields?["expect"].flatMap(conditions.decode)
        let message = decoder.text(fields, "message")
        guard let id, let when, let expect, let message else { return nil }
        return ConsistencyRule(id: id, when: when, expect: expect, message: message, source: decoder.location(node.mark))
    }

    private func languageRule(_ node: YAMLNode) -> LanguageRule? {
        let fields = decoder.fields(
            node, "language rule", keys: ["avoid", "prefer", "unless_followed_by", "allow"],
            required: ["avoid", "prefer"])
        guard let avoid = decoder.text(fields, "avoid"), let prefer = decoder.text(fields, "prefer") else {
            return nil
        }
        return LanguageRule(
            avoid: avoid, prefer: prefer, unlessFollowedBy: decoder.text(fields, "unless_followed_by"),
            allow: decoder.textList(fields?["allow"], "'allow'").map(\.text), source: decoder.location(node.mark))
    }
}
