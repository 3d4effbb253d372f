/// What `crisisplan check` prints: every diagnostic in file order, then the totals.
public struct CheckReport: Sendable {
    public let text: String
    public let errorCount: Int
    public let warningCount: Int

    public init(library: LibraryLoad) {
        var fileOrder: [String: Int] = [:]
        for (index, source) in library.sources.enumerated() where fileOrder[source.path] == nil {
            fileOrder[source.path] = index
        }
        let sorted = library.diagnostics.enumerated().sorted { a, b in
            let fileA = fileOrder[a.element.location.file] ?? -1
            let fileB = fileOrder[b.element.location.file] ?? -1
            if fileA != fileB { return fileA < fileB }
            if a.element.location.mark != b.element.location.mark {
                return a.element.location.mark < b.element.location.mark
            }
            return a.offset < b.offset
        }.map(\.element)
        let renderer = DiagnosticRenderer(sources: library.sources)
        var text = ""
        for line in renderer.renderAll(sorted) {
            text += line + "\n"
        }
        errorCount = sorted.filter { $0.severity == .error }.count
        warningCount = sorted.count - errorCount
        text += "\(library.fileCount) files, \(errorCount) errors, \(warningCount) warnings\n"
        self.text = text
    }
}
