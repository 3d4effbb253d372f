/// `crisisplan analyze` run in a library made of `files` (paths under the library root, such as
/// `Rules/policy/a.yaml`): the lines it printed, the library removed after.
enum AnalyzeRun {
    static func lines(_ files: [String: String], arguments: [String] = []) throws -> [String] {
        let library = try TemporaryLibrary(files)
        defer { library.remove() }
        let result = try CommandRunner.run(["analyze"] + arguments, in: library.root)
        return result.stdout.split(separator: "\n").map(String.init)
    }
}
