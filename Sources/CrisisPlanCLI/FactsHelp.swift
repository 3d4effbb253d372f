import CrisisPlan
import Foundation

/// `respond --help` with the facts the library in use declares, so a worker can see what
/// `--fact` takes without opening the policy files.
enum FactsHelp {
    /// Whether the arguments ask for `respond`'s help.
    static func isRespondHelp(_ arguments: [String]) -> Bool {
        if arguments.first == "help" { return arguments.dropFirst().first == "respond" }
        return arguments.first == "respond" && arguments.contains { $0 == "--help" || $0 == "-h" }
    }

    /// The facts section, or `nil` when no library is found or its policy cannot be read.
    static func section(arguments: [String]) -> String? {
        var typed: [String] = []
        if let index = arguments.firstIndex(of: "--rules"), index + 1 < arguments.count {
            typed = ["--rules", arguments[index + 1]]
        } else if let joined = arguments.first(where: { $0.hasPrefix("--rules=") }) {
            typed = [joined]
        }
        guard let options = try? RulesOptions.parse(typed), let rules = try? options.directory(quietly: true),
            let policy = RulesLoader.loadPolicy(rules).policy, !policy.facts.isEmpty
        else { return nil }
        var lines = ["FACTS (declared in \(rules.policyFolder)/; case, spaces and - are forgiven):"]
        let width = min(policy.facts.map(\.id.count).max() ?? 0, 28)
        for fact in policy.facts {
            let values: String
            switch fact.kind {
            case .bool: values = "yes | no"
            case .enumeration(let all): values = all.joined(separator: " | ")
            case .contact: values = "the id or name of someone in the plan"
            }
            let name = fact.id.padding(toLength: max(width, fact.id.count), withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(values)")
        }
        lines.append("")
        lines.append("  For example: --fact \(policy.facts[0].id)=\(example(policy.facts[0]))")
        return lines.joined(separator: "\n")
    }

    private static func example(_ fact: FactDeclaration) -> String {
        switch fact.kind {
        case .bool: "yes"
        case .enumeration(let all): all.last ?? ""
        case .contact: "lee"
        }
    }
}
