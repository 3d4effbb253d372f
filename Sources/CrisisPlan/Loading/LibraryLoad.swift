/// The whole library with every diagnostic about it.
public struct LibraryLoad: Sendable {
    public var policy: Policy?
    public var plans: [Plan] = []
    public var sources: [SourceFile]
    public var diagnostics: [Diagnostic] = []
    public var fileCount = 0

    init(policy: Policy?, sources: [SourceFile]) {
        self.policy = policy
        self.sources = sources
        self.fileCount = sources.count
    }

    /// Adds another library's files and diagnostics (`check` given several libraries).
    public mutating func add(_ other: LibraryLoad) {
        plans += other.plans
        sources += other.sources
        diagnostics += other.diagnostics
        fileCount += other.fileCount
    }
}
