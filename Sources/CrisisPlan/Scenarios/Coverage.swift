/// Which flags, escalation rules, prompts, red flags, signs and responses the scenarios
/// exercised: a flag when it fired, a rule when it raised the stage, a prompt when it was open,
/// a red flag when typed words matched it, a sign when it was active, a response when shown.
///
/// Every file of the library is listed, so a plan no scenario names shows at 0 %.
public struct Coverage: Sendable {
    public struct Item: Sendable {
        public var kind: String
        public var id: String
        public var source: SourceLocation
        public var exercised = false
    }

    /// Items by the file that declares them, in first-seen order.
    public private(set) var files: [(file: String, items: [Item])] = []

    init(policy: Policy) {
        for flag in policy.flags { add(Item(kind: "flag", id: flag.id, source: flag.source)) }
        for rule in policy.escalation { add(Item(kind: "escalation rule", id: rule.id, source: rule.source)) }
        for prompt in policy.prompts { add(Item(kind: "prompt", id: prompt.id, source: prompt.source)) }
        for redFlag in policy.redFlags { add(Item(kind: "red flag", id: redFlag.id, source: redFlag.source)) }
    }

    /// Lists a file even when it declares nothing to exercise (a policy file of facts only).
    public mutating func include(file: String) {
        if !files.contains(where: { $0.file == file }) { files.append((file, [])) }
    }

    /// Exercised items ÷ all items, across every file listed.
    public var overall: (exercised: Int, all: Int) {
        files.reduce((0, 0)) { sum, file in
            (sum.0 + file.items.filter(\.exercised).count, sum.1 + file.items.count)
        }
    }

    /// Whether the overall share is below `percent` (compared exactly, not rounded).
    public func isBelow(percent: Int) -> Bool {
        let (done, all) = overall
        return all > 0 && done * 100 < percent * all
    }

    public mutating func add(plan: Plan) {
        guard !files.contains(where: { $0.file == plan.file }) else { return }
        for sign in plan.signs { add(Item(kind: "sign", id: sign.id, source: sign.source)) }
        for group in plan.responses {
            for response in group.responses {
                add(Item(kind: "response", id: "\(group.stage): \(response.action)", source: response.source))
            }
        }
    }

    mutating func record(_ answer: Answer, plan: Plan) {
        for flag in answer.flags { mark("flag", flag.id, file: nil) }
        for rule in answer.trace.escalatedBy { mark("escalation rule", rule, file: nil) }
        for prompt in answer.prompts { mark("prompt", prompt.id, file: nil) }
        for redFlag in answer.trace.redFlags { mark("red flag", redFlag, file: nil) }
        for sign in answer.trace.activeSigns { mark("sign", sign, file: plan.file) }
        let shown = Set(answer.ownResponses.map(\.source))
        if let index = files.firstIndex(where: { $0.file == plan.file }) {
            for item in files[index].items.indices where files[index].items[item].kind == "response" {
                if shown.contains(files[index].items[item].source.pathAndLine) {
                    files[index].items[item].exercised = true
                }
            }
        }
    }

    private mutating func add(_ item: Item) {
        if let index = files.firstIndex(where: { $0.file == item.source.file }) {
            files[index].items.append(item)
        } else {
            files.append((item.source.file, [item]))
        }
    }

    private mutating func mark(_ kind: String, _ id: String, file: String?) {
        for index in files.indices where file == nil || files[index].file == file {
            for item in files[index].items.indices
            where files[index].items[item].kind == kind && files[index].items[item].id == id {
                files[index].items[item].exercised = true
            }
        }
    }

    /// A heading, then per file, in order of path: exercised out of all, as a percentage, then
    /// what no step exercised.
    public var report: String {
        var lines = [
            "Coverage (flags that fired, escalation rules that raised the stage, prompts asked, red flags matched, signs active, responses shown):"
        ]
        for (file, items) in files.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }) {
            let done = items.filter(\.exercised).count
            let percent = items.isEmpty ? 100 : done * 100 / items.count
            lines.append("\(file): \(done) of \(items.count) exercised (\(percent)%)")
            for item in items where !item.exercised {
                lines.append("  not exercised: \(item.kind) '\(item.id)' (\(item.source.pathAndLine))")
            }
        }
        let (done, all) = overall
        lines.append("Overall: \(done) of \(all) exercised (\(all == 0 ? 100 : done * 100 / all)%)")
        return lines.joined(separator: "\n")
    }
}
