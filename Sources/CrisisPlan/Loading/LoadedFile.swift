/// One file read and decoded, with everything found wrong in it.
public struct LoadedFile<Value: Sendable>: Sendable {
    public var source: SourceFile
    public var value: Value?
    public var diagnostics: [Diagnostic]

    public init(source: SourceFile, value: Value?, diagnostics: [Diagnostic]) {
        self.source = source
        self.value = value
        self.diagnostics = diagnostics
    }
}
