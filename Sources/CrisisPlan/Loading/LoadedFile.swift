/// One file read and decoded, with everything found wrong in it.
public struct LoadedFile<Value: Sendable>: Sendable {
    public var source: SourceFile
    public var value: Value?
    public var diagnostics: [Diagnostic]
}
