/// The policy with every diagnostic about it.
public struct PolicyLoad: Sendable {
    public var policy: Policy?
    public var sources: [SourceFile] = []
    public var diagnostics: [Diagnostic] = []
}
