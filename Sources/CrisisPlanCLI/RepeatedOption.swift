/// An option that takes one value, given more than once. The argument parser keeps the last
/// and drops the others without a word; for a crisis plan that is a partial answer nobody
/// asked for (two timelines, of which one is read), so it is refused before parsing.
struct RepeatedOption: Equatable {
    var name: String
    var count: Int

    /// The options that are lists, each value one more of them.
    static let lists: Set<String> = ["--sign", "--fact", "--capacity", "--scenarios", "--cds-client", "--trusted-proxy"]

    /// The first option (in the order typed) given more than once, if any; up to `--`.
    static func first(in arguments: [String]) -> RepeatedOption? {
        var counts: [String: Int] = [:]
        var order: [String] = []
        for argument in arguments {
            if argument == "--" { break }
            guard argument.hasPrefix("--"), argument.count > 2 else { continue }
            let name = String(argument.prefix { $0 != "=" })
            guard !lists.contains(name) else { continue }
            if counts[name] == nil { order.append(name) }
            counts[name, default: 0] += 1
        }
        return order.first { counts[$0, default: 0] > 1 }.map { RepeatedOption(name: $0, count: counts[$0] ?? 0) }
    }

    var message: String { "error: \(name) is given \(count) times; give it once" }
}
