/// The observation made by `--sign`, `--fact` and `--capacity`: one more observation at now,
/// after every file observation (SPEC §5).
public enum CommandLineObservation {
    public static func make(
        signs: [String], facts: [String], capacity: [String], at now: Timestamp
    ) throws(BadInput) -> Observation? {
        guard !signs.isEmpty || !facts.isEmpty || !capacity.isEmpty else { return nil }
        let source = SourceLocation(file: SourceLocation.commandLine, line: 1)
        var observation = Observation(at: now, source: source)
        observation.signs = signs.map { SourcedText(text: $0, source: source) }
        for fact in facts {
            guard let equals = fact.firstIndex(of: "="), equals != fact.startIndex else {
                throw BadInput("error: --fact takes KEY=VALUE, like abuse_or_neglect=suspected; found '\(fact)'")
            }
            observation.facts.append(
                ObservedFact(
                    fact: String(fact[..<equals]), value: String(fact[fact.index(after: equals)...]),
                    factSource: source,
                    valueSource: source))
        }
        for entry in capacity {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let status = CapacityStatus(rawValue: parts[1]) else {
                throw BadInput(
                    "error: --capacity takes DECISION=lacks or DECISION=has, like admission=lacks; found '\(entry)'")
            }
            observation.capacity.append(
                CapacityAssessment(decision: parts[0], status: status, assessedAt: now, source: source))
        }
        return observation
    }
}
