/// Decodes `when:` conditions (SPEC §3): maps with exactly one condition key, and for `fact`
/// exactly one comparator beside it.
struct ConditionDecoder {
    let decoder: FileDecoder

    static let conditionKeys = ["all", "any", "not", "fact", "stage", "signs", "capacity", "age", "route_open"]

    func decode(_ node: YAMLNode) -> Condition? {
        guard case .mapping(let entries) = node.content else {
            decoder.error(
                "expected a condition (a map with one of: \(Self.conditionKeys.joined(separator: ", "))), found \(node.kindDescription)",
                at: node.mark)
            return nil
        }
        let conditionEntries = entries.filter { Self.conditionKeys.contains($0.key) }
        let comparators = FactCondition.Comparator.allCases.map(\.rawValue)
        let hasFact = conditionEntries.contains { $0.key == "fact" }
        let allowed = hasFact ? Self.conditionKeys + comparators : Self.conditionKeys
        for entry in entries where !allowed.contains(entry.key) {
            let hint = Suggestion.hint(for: entry.key, in: allowed)
            decoder.error("unknown key '\(entry.key)' in condition" + hint, at: entry.keyMark)
        }
        guard conditionEntries.count == 1, let entry = conditionEntries.first else {
            if conditionEntries.isEmpty {
                decoder.error(
                    "a condition needs one of: \(Self.conditionKeys.joined(separator: ", "))", at: node.mark)
            } else {
                let keys = conditionEntries.map { "'\($0.key)'" }.joined(separator: ", ")
                decoder.error(
                    "a condition holds exactly one condition key, found \(keys); combine them with 'all' or 'any'",
                    at: conditionEntries[1].keyMark)
            }
            return nil
        }
        let location = decoder.location(node.mark)
        switch entry.key {
        case "all", "any":
            guard let items = decoder.list(entry.value, "'\(entry.key)'") else { return nil }
            if items.isEmpty { decoder.error("'\(entry.key)' needs at least one condition", at: entry.value.mark) }
            let conditions = items.compactMap(decode)
            guard conditions.count == items.count else { return nil }
            return entry.key == "all" ? .all(conditions, location) : .any(conditions, location)
        case "not":
            return decode(entry.value).map { .not($0, location) }
        case "fact":
            return fact(entry, entries: entries, location: location)
        case "stage":
            return stage(entry.value, location: location)
        case "signs":
            return signs(entry.value, location: location)
        case "age":
            return age(entry.value, location: location)
        case "route_open":
            guard case .scalar(let scalar) = entry.value.content, scalar.isPlain,
                scalar.text == "true" || scalar.text == "false"
            else {
                decoder.error(
                    "'route_open' takes true or false (whether anyone on the stage's own route is open now)",
                    at: entry.value.mark)
                return nil
            }
            return .routeOpen(scalar.text == "true", location)
        default:
            return capacity(entry.value, location: location)
        }
    }

    private func fact(_ entry: YAMLEntry, entries: [YAMLEntry], location: SourceLocation) -> Condition? {
        let id = decoder.text(entry.value, "'fact'")
        let comparators = entries.compactMap { e in FactCondition.Comparator(rawValue: e.key).map { ($0, e) } }
        guard comparators.count == 1, let (comparator, operandEntry) = comparators.first else {
            let names = FactCondition.Comparator.allCases.map(\.rawValue).joined(separator: ", ")
            if comparators.isEmpty {
                decoder.error("a fact condition needs exactly one comparator: \(names)", at: entry.keyMark)
            } else {
                decoder.error(
                    "a fact condition takes exactly one comparator, found \(comparators.count); use 'all' or 'any' to combine",
                    at: comparators[1].1.keyMark)
            }
            return nil
        }
        var operands: [FactOperand] = []
        if comparator == .in {
            guard let items = decoder.list(operandEntry.value, "'in'") else { return nil }
            if items.isEmpty { decoder.error("'in' needs at least one value", at: operandEntry.value.mark) }
            operands = items.compactMap { decoder.operand($0, "an entry of 'in'") }
            guard operands.count == items.count else { return nil }
        } else {
            guard let operand = decoder.operand(operandEntry.value, "'\(comparator.rawValue)'") else { return nil }
            operands = [operand]
        }
        guard let id else { return nil }
        return .fact(
            FactCondition(
                fact: id, factSource: decoder.location(entry.value.mark), comparator: comparator,
                operands: operands, source: location))
    }

    private func stage(_ node: YAMLNode, location: SourceLocation) -> Condition? {
        let keys = StageCondition.Comparator.allCases.map(\.rawValue)
        guard let fields = decoder.fields(node, "stage condition", keys: keys) else { return nil }
        guard fields.entries.count == 1, let entry = fields.entries.first,
            let comparator = StageCondition.Comparator(rawValue: entry.key)
        else {
            if fields.entries.count != 1 {
                decoder.error("a stage condition takes exactly one of: \(keys.joined(separator: ", "))", at: node.mark)
            }
            return nil
        }
        guard let stage = decoder.text(entry.value, "'\(entry.key)'") else { return nil }
        return .stage(
            StageCondition(
                comparator: comparator, stage: stage, stageSource: decoder.location(entry.value.mark),
                source: location))
    }

    private func signs(_ node: YAMLNode, location: SourceLocation) -> Condition? {
        guard let fields = decoder.fields(node, "signs condition", keys: ["at_least", "stage", "within"]) else {
            return nil
        }
        let atLeast = fields["at_least"] == nil ? 1 : decoder.integer(fields, "at_least", minimum: 1)
        let within = decoder.duration(fields, "within")
        let stage = decoder.text(fields, "stage")
        guard let atLeast, fields["within"] == nil || within != nil, fields["stage"] == nil || stage != nil else {
            return nil
        }
        return .signs(
            SignsCondition(
                atLeast: atLeast, stage: stage, stageSource: fields["stage"].map { decoder.location($0.mark) },
                within: within, source: location))
    }

    private func age(_ node: YAMLNode, location: SourceLocation) -> Condition? {
        let keys = AgeCondition.Comparator.allCases.map(\.rawValue)
        guard let fields = decoder.fields(node, "age condition", keys: keys) else { return nil }
        guard fields.entries.count == 1, let entry = fields.entries.first,
            let comparator = AgeCondition.Comparator(rawValue: entry.key)
        else {
            if fields.entries.count != 1 {
                decoder.error(
                    "an age condition takes exactly one of: \(keys.joined(separator: ", ")), like {under: 18}",
                    at: node.mark)
            }
            return nil
        }
        guard let years = decoder.integer(fields, entry.key, minimum: 0) else { return nil }
        return .age(AgeCondition(comparator: comparator, years: years, source: location))
    }

    private func capacity(_ node: YAMLNode, location: SourceLocation) -> Condition? {
        guard
            let fields = decoder.fields(
                node, "capacity condition", keys: ["status", "decision"], required: ["status"])
        else { return nil }
        let status = decoder.choice(fields, "status", CapacityStatus.allCases.map(\.rawValue))
        let decision = decoder.text(fields, "decision")
        guard let status, let capacityStatus = CapacityStatus(rawValue: status),
            fields["decision"] == nil || decision != nil
        else { return nil }
        return .capacity(CapacityCondition(status: capacityStatus, decision: decision, source: location))
    }
}
