import CrisisPlan
import Foundation

/// Where a file given to `check` sits in a rules library.
enum RulesFile {
    /// The name of the folder holding the file: `people` for `Rules/people/sam.yaml`.
    static func folder(of path: String) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 2, path.hasSuffix(".yaml") else { return nil }
        return String(parts[parts.count - 2])
    }

    /// A path given to `check`, as what it holds: a `people/` folder is its plan files, each
    /// checked as a plan; a `policy/` or `hazards/` folder, or a file under `hazards/`, is
    /// the library it belongs to (its policy and hazard log are only checked whole); anything
    /// else as given. Read as scenarios, a folder of plans gave an error for every key.
    static func expand(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        let trimmed = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let name = trimmed.split(separator: "/").last.map(String.init) ?? trimmed
        if FileManager.default.fileExists(atPath: trimmed, isDirectory: &isFolder), isFolder.boolValue {
            if name == "people" {
                let files = (try? FileManager.default.contentsOfDirectory(atPath: trimmed)) ?? []
                return files.filter { $0.hasSuffix(".yaml") }.sorted().map { trimmed + "/" + $0 }
            }
            if name == "policy" || name == "hazards", let library = library(of: trimmed + "/-") {
                return [library.displayPath]
            }
            return [path]
        }
        if folder(of: trimmed) == "hazards", let library = library(of: trimmed) { return [library.displayPath] }
        return [path]
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
