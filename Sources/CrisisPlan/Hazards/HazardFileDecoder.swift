/// Reads a hazard file (`hazards: [...]`) into hazards, collecting every problem.
struct HazardFileDecoder {
    let decoder: FileDecoder

    static let keys = ["id", "title", "cause", "effect", "harm", "before", "controls", "after", "owner"]

    func decode(_ root: YAMLNode?) -> [Hazard]? {
        guard let root else {
            decoder.error("the hazard file is empty; it needs 'hazards', a list", at: Mark(line: 1, column: 1))
            return nil
        }
        guard let fields = decoder.fields(root, "hazard file", keys: ["hazards"], required: ["hazards"]),
            let node = fields["hazards"], let items = decoder.list(node, "'hazards'")
        else { return nil }
        return items.compactMap(hazard)
    }

    private func hazard(_ node: YAMLNode) -> Hazard? {
        guard let fields = decoder.fields(node, "hazard", keys: Self.keys, required: Self.keys) else { return nil }
        var controls: [(control: Hazard.Control, source: SourceLocation)] = []
        if let list = fields["controls"].flatMap({ decoder.list($0, "'controls'") }) {
            if list.isEmpty, let mark = fields["controls"]?.mark {
                decoder.error("a hazard needs at least one control", at: mark)
            }
            for item in list {
                guard let control = decoder.fields(item, "control", keys: ["engine", "flag", "scenario"]) else { continue }
                let given = ["engine", "flag", "scenario"].filter { control[$0] != nil }
                guard given.count == 1, let kind = given.first, let text = decoder.text(control, kind) else {
                    decoder.error("a control is one of 'engine: …', 'flag: ID' or 'scenario: PATH'", at: item.mark)
                    continue
                }
                let source = decoder.location(control[kind]?.mark ?? item.mark)
                switch kind {
                case "engine": controls.append((.engine(text), source))
                case "flag": controls.append((.flag(text), source))
                default: controls.append((.scenario(text), source))
                }
            }
        }
        guard let id = decoder.text(fields, "id"), let title = decoder.text(fields, "title"),
            let cause = decoder.text(fields, "cause"), let effect = decoder.text(fields, "effect"),
            let harm = decoder.text(fields, "harm"), let owner = decoder.text(fields, "owner"),
            let before = risk(fields["before"], "before"), let after = risk(fields["after"], "after")
        else { return nil }
        if after.score > before.score, let mark = fields["after"]?.mark {
            decoder.error("'after' scores \(after.score), more than 'before' (\(before.score)): controls do not add risk", at: mark)
        }
        return Hazard(
            id: id, title: title, cause: cause, effect: effect, harm: harm, before: before, controls: controls,
            after: after, owner: owner, source: decoder.location(node.mark))
    }

    private func risk(_ node: YAMLNode?, _ key: String) -> Hazard.Risk? {
        guard let node, let fields = decoder.fields(node, "'\(key)'", keys: ["severity", "likelihood"], required: ["severity", "likelihood"])
        else { return nil }
        guard let severity = decoder.integer(fields, "severity", minimum: 1),
            let likelihood = decoder.integer(fields, "likelihood", minimum: 1)
        else { return nil }
        // Out of range, the entry is not read: a score the file does not hold is never printed.
        var inRange = true
        for (name, value) in [("severity", severity), ("likelihood", likelihood)] where value > 5 {
            decoder.error("'\(name)' is 1 to 5; found \(value)", at: fields[name]?.mark ?? node.mark)
            inRange = false
        }
        return inRange ? Hazard.Risk(severity: severity, likelihood: likelihood) : nil
    }
}
