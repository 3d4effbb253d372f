internal import CLibYAML

/// Reads a rule file into a `YAMLNode` tree through the system libyaml.
///
/// This is the only file that talks to C. It accepts the plain subset of YAML that rule files
/// use and rejects, each at its position: anchors, aliases, tags, `<<` merge keys, keys that
/// are not text, duplicate keys (naming the first line), more than one document, nesting deeper
/// than `maximumDepth`, and files over `maximumFileSize`. On any bytes it returns a tree or an
/// error: libyaml is stopped at its first error (it would otherwise keep returning empty events)
/// and the tree is built with an explicit stack, so hostile nesting cannot exhaust the call stack.
public enum YAMLParser {
    /// The largest file read, in bytes (SPEC §2: 1 MiB).
    public static let maximumFileSize = 1 << 20
    /// The deepest nesting of lists and maps accepted (SPEC §2).
    public static let maximumDepth = 64

    /// Parses one file. Returns `nil` when it holds no document (empty, or only comments).
    public static func parse(_ source: SourceFile) throws(Diagnostic) -> YAMLNode? {
        let start = SourceLocation(file: source.path, line: 1, column: 1)
        if source.bytes.count > maximumFileSize {
            throw .error(
                "file is \(source.bytes.count) bytes; rule files are limited to \(maximumFileSize) bytes (1 MiB)",
                at: start)
        }
        // libyaml counts a byte-order mark as a column; skip it so positions match the text.
        let skip = source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if source.bytes.count == skip { return nil }
        let result = source.bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(source: source, byteOffset: skip)
            return builder.run(UnsafeBufferPointer(rebasing: buffer[skip...]))
        }
        return try result.get()
    }
}

/// The event loop and the stack of open collections.
private struct TreeBuilder {
    private enum Frame {
        case sequence(Mark, [YAMLNode])
        case mapping(Mark, Mapping)
    }

    private struct Mapping {
        var entries: [YAMLEntry] = []
        var pendingKey: (key: String, mark: Mark)?
        /// Built once a map grows past a few keys, so duplicate detection stays linear.
        var index: [String: Mark]?

        func firstMark(of key: String) -> Mark? {
            if let index { return index[key] }
            return entries.first(where: { $0.key == key })?.keyMark
        }

        mutating func append(_ entry: YAMLEntry) {
            entries.append(entry)
            if index != nil {
                index?[entry.key] = entry.keyMark
            } else if entries.count > 8 {
                var built: [String: Mark] = [:]
                for entry in entries { built[entry.key] = entry.keyMark }
                index = built
            }
        }
    }

    let source: SourceFile
    let byteOffset: Int
    private var stack: [Frame] = []
    private var root: YAMLNode?

    init(source: SourceFile, byteOffset: Int) {
        self.source = source
        self.byteOffset = byteOffset
    }

    mutating func run(_ input: UnsafeBufferPointer<UInt8>) -> Result<YAMLNode?, Diagnostic> {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(error("could not start the YAML parser (out of memory)", Mark(line: 1, column: 1)))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, input.baseAddress, input.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var documents = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else {
                return .failure(parserError(parser))
            }
            defer { yaml_event_delete(&event) }
            let mark = Mark(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
            do throws(Diagnostic) {
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return .success(root)
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw error("a rule file holds one YAML document; found a second one here", mark)
                    }
                case YAML_ALIAS_EVENT:
                    throw error("aliases (*name) are not allowed in rule files; write the value out in full", mark)
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    try rejectAnchorAndTag(anchor: scalar.anchor, tag: scalar.tag, at: mark)
                    let text = String(
                        decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                    let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                    try add(YAMLNode(.scalar(YAMLScalar(text: text, isPlain: plain)), at: mark))
                case YAML_SEQUENCE_START_EVENT:
                    let start = event.data.sequence_start
                    try rejectAnchorAndTag(anchor: start.anchor, tag: start.tag, at: mark)
                    try open(.sequence(mark, []), at: mark, kind: "a list")
                case YAML_MAPPING_START_EVENT:
                    let start = event.data.mapping_start
                    try rejectAnchorAndTag(anchor: start.anchor, tag: start.tag, at: mark)
                    try open(.mapping(mark, Mapping()), at: mark, kind: "a map")
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    try close()
                case YAML_NO_EVENT:
                    throw error("the YAML parser stopped unexpectedly", mark)
                default:
                    break
                }
            } catch {
                return .failure(error)
            }
        }
    }

    private func error(_ message: String, _ mark: Mark) -> Diagnostic {
        .error(message, at: SourceLocation(file: source.path, mark: mark))
    }

    private func rejectAnchorAndTag(
        anchor: UnsafeMutablePointer<yaml_char_t>?, tag: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark
    ) throws(Diagnostic) {
        if let anchor {
            throw error("anchors (&\(String(cString: anchor))) are not allowed in rule files; write the value out in full", mark)
        }
        if let tag {
            throw error("tags (\(String(cString: tag))) are not allowed in rule files; the field decides the type", mark)
        }
    }

    private mutating func open(_ frame: Frame, at mark: Mark, kind: String) throws(Diagnostic) {
        if case .mapping(_, let mapping)? = stack.last, mapping.pendingKey == nil {
            throw error("a key must be text, not \(kind)", mark)
        }
        if stack.count >= YAMLParser.maximumDepth {
            throw error("nesting is deeper than \(YAMLParser.maximumDepth) levels", mark)
        }
        stack.append(frame)
    }

    private mutating func close() throws(Diagnostic) {
        switch stack.removeLast() {
        case .sequence(let mark, let items):
            try add(YAMLNode(.sequence(items), at: mark))
        case .mapping(let mark, let mapping):
            try add(YAMLNode(.mapping(mapping.entries), at: mark))
        }
    }

    private mutating func add(_ node: YAMLNode) throws(Diagnostic) {
        guard let frame = stack.popLast() else {
            root = node
            return
        }
        switch frame {
        case .sequence(let mark, var items):
            items.append(node)
            stack.append(.sequence(mark, items))
        case .mapping(let mark, var mapping):
            if let pending = mapping.pendingKey {
                mapping.append(YAMLEntry(key: pending.key, keyMark: pending.mark, value: node))
                mapping.pendingKey = nil
            } else {
                guard case .scalar(let scalar) = node.content else {
                    throw error("a key must be text", node.mark)
                }
                if scalar.isPlain && scalar.text == "<<" {
                    throw error("merge keys (<<) are not allowed in rule files; write the keys out in full", node.mark)
                }
                if let first = mapping.firstMark(of: scalar.text) {
                    throw error("duplicate key '\(scalar.text)'; it is already set on line \(first.line)", node.mark)
                }
                mapping.pendingKey = (scalar.text, node.mark)
            }
            stack.append(.mapping(mark, mapping))
        }
    }

    private func parserError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        switch parser.error {
        case YAML_READER_ERROR:
            let offset = Int(parser.problem_offset) + byteOffset
            let detail = parser.problem_value >= 0 ? String(format2Hex: parser.problem_value) : ""
            return error("the file is not valid UTF-8 text: \(problem)\(detail)", source.mark(atByteOffset: offset))
        case YAML_MEMORY_ERROR:
            return error("out of memory while reading YAML", Mark(line: 1, column: 1))
        default:
            let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            var message = "invalid YAML: \(problem)"
            if let context = parser.context {
                message += " \(String(cString: context))"
                let contextLine = Int(parser.context_mark.line) + 1
                if contextLine != mark.line { message += " that starts on line \(contextLine)" }
            }
            return error(message, mark)
        }
    }
}

private extension String {
    /// ` (byte 0xFF)` for a reader error's offending value.
    init(format2Hex value: Int32) {
        let hex = String(value, radix: 16, uppercase: true)
        self = " (byte 0x\(hex.count < 2 ? "0" + hex : hex))"
    }
}
