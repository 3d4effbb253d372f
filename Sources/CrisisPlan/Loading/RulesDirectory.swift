import Foundation

/// A rules library on disk (`Rules/` by default) and the names its files are shown by.
///
/// Sources in answers and diagnostics start with the `--rules` path as typed, without a
/// leading `./` or a trailing `/` (SPEC §6), so a person can paste them into an editor.
public struct RulesDirectory: Sendable {
    /// The path as shown: `Rules`, `../policy-tests/Rules`.
    public let displayPath: String

    public init(_ typed: String) {
        var path = typed
        // `./`, and the slashes after it (`.//Rules` is `Rules`, never `/Rules`).
        while path.hasPrefix("./") {
            path.removeFirst(2)
            while path.hasPrefix("/") { path.removeFirst() }
        }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        displayPath = path.isEmpty || path == "." ? "." : path
    }

    public var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: displayPath, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public var policyFolder: String { join("policy") }
    public var peopleFolder: String { join("people") }

    /// The scenarios that belong with the library: `Scenarios/` beside it. Worked on the
    /// text, so that `--rules .` (the library is the working folder) gives `../Scenarios` and
    /// paths in messages stay as the user wrote them.
    public var scenariosFolder: String {
        let path = displayPath
        if path == "." { return "../Scenarios" }
        let last = path.split(separator: "/").last ?? ""
        if last == "." || last == ".." { return path + "/../Scenarios" }
        guard let slash = path.lastIndex(of: "/") else { return "Scenarios" }
        let parent = path[..<slash]
        return parent.isEmpty ? "/Scenarios" : parent + "/Scenarios"
    }

    public func planPath(for id: String) -> String { join("people/\(id).yaml") }

    /// The person id a plan file is named for: `people/sam.yaml` → `sam`.
    public static func personID(ofPlanFile path: String) -> String {
        String(String(path.split(separator: "/").last ?? "").dropLast(".yaml".count))
    }

    /// `.yaml` files directly in a folder, in byte order of their names; `nil` if it is missing.
    public static func yamlFiles(in folder: String) -> (yaml: [String], other: [String])? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        let sorted = names.filter { !$0.hasPrefix(".") }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let join = { (name: String) in folder == "." ? name : folder + "/" + name }
        return (sorted.filter { $0.hasSuffix(".yaml") }.map(join), sorted.filter { !$0.hasSuffix(".yaml") }.map(join))
    }

    /// The bytes of a file (bounded, see `FileReader`), or `nil` when it cannot be read.
    public static func read(_ path: String) -> SourceFile? {
        try? FileReader.read(path).get()
    }

    private func join(_ rest: String) -> String {
        displayPath == "." ? rest : displayPath + "/" + rest
    }
}
