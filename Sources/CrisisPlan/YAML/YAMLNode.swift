/// A node of a parsed YAML document, with the position where it starts.
///
/// Rule files use only plain data: text, lists and maps. Anchors, aliases, tags and merge keys
/// are rejected by the parser, so every node here is exactly what was written.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        case scalar(YAMLScalar)
        case sequence([YAMLNode])
        case mapping([YAMLEntry])
    }

    public var content: Content
    public var mark: Mark

    public init(_ content: Content, at mark: Mark) {
        self.content = content
        self.mark = mark
    }

    /// A word for the node's kind, for messages such as "expected text, found a list".
    public var kindDescription: String {
        switch content {
        case .scalar(let scalar): scalar.text.isEmpty && scalar.isPlain ? "nothing" : "text"
        case .sequence: "a list"
        case .mapping: "a map"
        }
    }
}
