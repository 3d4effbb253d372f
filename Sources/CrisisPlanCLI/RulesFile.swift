import CrisisPlan

/// Where a file given to `check` sits in a rules library.
enum RulesFile {
    /// The name of the folder holding the file: `people` for `Rules/people/sam.yaml`.
    static func folder(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, path.hasSuffix(".yaml") else { return nil }
        return String(parts[parts.count - 2])
    }

    /// The library a plan or policy file belongs to, when the folder above holds `policy/`.
    static func library(of path: String) -> RulesDirectory? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        parts.removeLast(2)
        let root = parts.isEmpty ? "." : parts.joined(separator: "/")
        let library = RulesDirectory(root.isEmpty ? "/" : root)
        return RulesDirectory(library.policyFolder).exists ? library : nil
    }
}
