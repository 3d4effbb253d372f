/// Reads an observations document (YAML, or JSON: `JSONReader`, else libyaml) — SPEC §5.
///
/// Everything wrong is bad input: collected as diagnostics, then thrown together, so the
/// command exits 2 naming every problem at its file, line and column.
public enum ObservationDecoder {
    public static func decode(_ source: SourceFile) throws(DiagnosticList) -> ObservationTimeline {
        let root: YAMLNode?
        if let json = JSONReader.parse(source) {
            root = json
        } else {
            do {
                root = try YAMLParser.parse(JSONSurrogates.joined(source))
            } catch {
                throw DiagnosticList([error])
            }
        }
        let decoder = FileDecoder(file: source.path)
        var timeline = ObservationTimeline()
        guard let root else {
            throw DiagnosticList([
                .error("the observations file is empty", at: decoder.location(Mark(line: 1, column: 1)))
            ])
        }
        if case .sequence = root.content {
            throw DiagnosticList([
                .error(
                    "expected an observations document, a map with the list under 'observations:', found a list; write it as: person: ID (optional), at: TIME (optional), observations: [ {at: TIME, signs: [...], facts: {...}, capacity: [...]} ] — see docs/observations.md",
                    at: decoder.location(root.mark))
            ])
        }
        if let fields = decoder.fields(root, "observations document", keys: ["person", "at", "observations"]) {
            if let node = fields["person"] {
                timeline.person = decoder.text(node, "'person'")
                timeline.personSource = decoder.location(node.mark)
            }
            timeline.at = fields["at"].flatMap { decoder.timestamp($0, "'at'") }
            if let node = fields["observations"], let items = decoder.list(node, "'observations'") {
                timeline.observations = items.compactMap { observation($0, decoder) }
            }
        }
        try checkOrder(timeline.observations, decoder)
        if decoder.diagnostics.contains(where: { $0.severity == .error }) {
            throw DiagnosticList(decoder.diagnostics)
        }
        return timeline
    }

    static let observationKeys = ["at", "signs", "resolved", "facts", "capacity", "reinstated"]
    static let capacityStatuses = CapacityStatus.allCases.map(\.rawValue)

    /// One observation's fields from a map that may also hold other keys: a scenario step
    /// passes its own keys and is named "step" in messages.
    static func observation(
        _ node: YAMLNode, _ decoder: FileDecoder, what: String = "observation", extraKeys: [String] = []
    ) -> Observation? {
        guard
            let fields = decoder.fields(
                node, what, keys: extraKeys.isEmpty ? observationKeys : observationKeys + extraKeys, required: ["at"])
        else { return nil }
        guard let atNode = fields["at"], let at = decoder.timestamp(atNode, "'at'") else { return nil }
        var observation = Observation(at: at, source: decoder.location(node.mark))
        observation.signs = decoder.textList(fields["signs"], "'signs'")
        observation.resolved = decoder.textList(fields["resolved"], "'resolved'")
        if let factsNode = fields["facts"] {
            if case .mapping(let entries) = factsNode.content {
                observation.facts.reserveCapacity(entries.count)
                for entry in entries {
                    guard case .scalar(let scalar) = entry.value.content else {
                        decoder.error(
                            "fact '\(entry.key)' takes a single value, found \(entry.value.kindDescription)",
                            at: entry.value.mark)
                        continue
                    }
                    observation.facts.append(
                        ObservedFact(
                            fact: entry.key, value: scalar.text, factSource: decoder.location(entry.keyMark),
                            valueSource: decoder.location(entry.value.mark)))
                }
            } else {
                decoder.error(
                    "expected 'facts' as a map of fact ids to values, found \(factsNode.kindDescription)",
                    at: factsNode.mark)
            }
        }
        for item in fields["capacity"].flatMap({ decoder.list($0, "'capacity'") }) ?? [] {
            let entry = decoder.fields(
                item, "capacity assessment", keys: ["decision", "status", "assessed_at"],
                required: ["decision", "status"])
            let decision = decoder.text(entry, "decision")
            let status = decoder.choice(entry, "status", capacityStatuses)
                .flatMap(CapacityStatus.init)
            let assessedAt = entry?["assessed_at"].flatMap { decoder.timestamp($0, "'assessed_at'") }
            if let decision, let status {
                observation.capacity.append(
                    CapacityAssessment(
                        decision: decision, status: status, assessedAt: assessedAt ?? at,
                        source: decoder.location(item.mark),
                        decisionSource: entry?["decision"].map { decoder.location($0.mark) }))
            }
        }
        for item in fields["reinstated"].flatMap({ decoder.list($0, "'reinstated'") }) ?? [] {
            let entry = decoder.fields(
                item, "reinstatement", keys: ["contact", "by", "reason"], required: ["contact", "by", "reason"])
            // Putting someone named as causing harm back on the route is on the record: who
            // decided and why, never blank. Each is read, so that both blanks are reported.
            let contact = decoder.text(entry, "contact")
            let by = decoder.text(entry, "by", write: "who decided")
            let reason = decoder.text(entry, "reason", write: "why")
            guard let contact, let by, let reason else { continue }
            observation.reinstated.append(
                Reinstatement(contact: contact, by: by, reason: reason, source: decoder.location(item.mark)))
        }
        return observation
    }

    /// A timeline whose times go backwards is bad input (SPEC §3); equal times are fine.
    static func checkOrder(_ observations: [Observation], _ decoder: FileDecoder) throws(DiagnosticList) {
        for (previous, next) in zip(observations, observations.dropFirst()) where next.at < previous.at {
            decoder.error(
                "observations must be oldest first: \(next.at) is before the previous observation's \(previous.at)",
                at: next.source.mark)
        }
    }
}
