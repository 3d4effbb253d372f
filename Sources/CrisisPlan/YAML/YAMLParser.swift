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
    /// Throws the first problem, recoverable or not.
    public static func parse(_ source: SourceFile) throws(Diagnostic) -> YAMLNode? {
        var problems: [Diagnostic] = []
        let root = try parse(source, problems: &problems)
        if let first = problems.first { throw first }
        return root
    }

    /// Parses one file, going on past problems the tree can be built around — a duplicate
    /// key is reported in `problems` and its second value dropped — so that a file's other
    /// problems are all reported at once. Throws only what ends the file: a syntax error, an
    /// anchor, a second document, nesting too deep, a file too large.
    public static func parse(_ source: SourceFile, problems: inout [Diagnostic]) throws(Diagnostic) -> YAMLNode? {
        let start = SourceLocation(file: source.path, line: 1, column: 1)
        if source.size > maximumFileSize {
            let size = source.isTruncated ? "more than \(maximumFileSize) bytes" : "\(source.size) bytes"
            throw .error("file is \(size); rule files are limited to \(maximumFileSize) bytes (1 MiB)", at: start)
        }
        // libyaml counts a byte-order mark as a column; skip it so positions match the text.
        let skip = source.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if source.bytes.count == skip { return nil }
        let (result, recovered) = source.bytes.withUnsafeBufferPointer { buffer in
            var builder = TreeBuilder(source: source, byteOffset: skip)
            let result = builder.run(UnsafeBufferPointer(rebasing: buffer[skip...]))
            return (result, builder.recovered)
        }
        problems += recovered
        return try result.get()
    }
}

/// The event loop and the stack of open collections.
///
/// Finished nodes wait on one flat stack; an open collection remembers where its children
/// start, and takes them off in one slice when it closes. In a map, children alternate key,
/// value, so a child at an even offset is a key.
private struct TreeBuilder {
    private struct OpenCollection {
        var isMapping: Bool
        var mark: Mark
        var start: Int
        /// Keys seen so far, built once a map grows past a few keys, so duplicate detection
        /// stays linear on hostile input.
        var keyIndex: [String: Mark]?
        /// A key was set twice here: the later values are dropped when the map closes.
        var hasDuplicate = false
    }

    let source: SourceFile
    let byteOffset: Int
    private var open: [OpenCollection] = []
    private var nodes: [YAMLNode] = []
    private var root: YAMLNode?
    /// Problems reported and built around (duplicate keys).
    private(set) var recovered: [Diagnostic] = []

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
                    if let control = text.unicodeScalars.first(where: { TerminalText.isControl($0, true) }) {
                        recovered.append(
                            error(
                                "text holds the control character U+\(String(control.value, radix: 16, uppercase: true)); rule files and observations hold printable text only (tabs and line breaks aside)",
                                mark))
                    }
                    try add(YAMLNode(.scalar(YAMLScalar(text: text, isPlain: plain)), at: mark))
                case YAML_SEQUENCE_START_EVENT:
                    let start = event.data.sequence_start
                    try rejectAnchorAndTag(anchor: start.anchor, tag: start.tag, at: mark)
                    try openCollection(isMapping: false, at: mark, kind: "a list")
                case YAML_MAPPING_START_EVENT:
                    let start = event.data.mapping_start
                    try rejectAnchorAndTag(anchor: start.anchor, tag: start.tag, at: mark)
                    try openCollection(isMapping: true, at: mark, kind: "a map")
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
            throw error(
                "anchors (&\(String(cString: anchor))) are not allowed in rule files; write the value out in full", mark
            )
        }
        if let tag {
            throw error(
                "tags (\(String(cString: tag))) are not allowed in rule files; the field decides the type", mark)
        }
    }

    private var isKeyPosition: Bool {
        guard let top = open.last, top.isMapping else { return false }
        return (nodes.count - top.start) % 2 == 0
    }

    private mutating func openCollection(isMapping: Bool, at mark: Mark, kind: String) throws(Diagnostic) {
        if isKeyPosition {
            throw error("a key must be text, not \(kind)", mark)
        }
        if open.count >= YAMLParser.maximumDepth {
            throw error("nesting is deeper than \(YAMLParser.maximumDepth) levels", mark)
        }
        open.append(OpenCollection(isMapping: isMapping, mark: mark, start: nodes.count))
    }

    private mutating func close() throws(Diagnostic) {
        let collection = open.removeLast()
        let node: YAMLNode
        if collection.isMapping {
            var entries: [YAMLEntry] = []
            entries.reserveCapacity((nodes.count - collection.start) / 2)
            var seen: Set<String> = []
            for index in stride(from: collection.start, to: nodes.count - 1, by: 2) {
                if case .scalar(let key) = nodes[index].content {
                    // The first value of a duplicated key counts; the error names both lines.
                    if collection.hasDuplicate && !seen.insert(key.text).inserted { continue }
                    entries.append(YAMLEntry(key: key.text, keyMark: nodes[index].mark, value: nodes[index + 1]))
                }
            }
            node = YAMLNode(.mapping(entries), at: collection.mark)
        } else {
            node = YAMLNode(.sequence(Array(nodes[collection.start...])), at: collection.mark)
        }
        nodes.removeLast(nodes.count - collection.start)
        try add(node)
    }

    private mutating func add(_ node: YAMLNode) throws(Diagnostic) {
        guard !open.isEmpty else {
            root = node
            return
        }
        if isKeyPosition {
            guard case .scalar(let scalar) = node.content else {
                throw error("a key must be text", node.mark)
            }
            if scalar.isPlain && scalar.text == "<<" {
                throw error("merge keys (<<) are not allowed in rule files; write the keys out in full", node.mark)
            }
            if let first = firstMark(ofKey: scalar.text) {
                recovered.append(error("duplicate key '\(scalar.text)'; it is already set on line \(first.line)", node.mark))
                open[open.count - 1].hasDuplicate = true
                nodes.append(node)
                return
            }
            nodes.append(node)
            recordKey(scalar.text, at: node.mark)
            return
        }
        nodes.append(node)
    }

    /// Where a key was first set in the innermost open map, or `nil` if it is new there.
    private func firstMark(ofKey key: String) -> Mark? {
        let top = open[open.count - 1]
        if let index = top.keyIndex { return index[key] }
        for offset in stride(from: top.start, to: nodes.count, by: 2) {
            if case .scalar(let scalar) = nodes[offset].content, scalar.text == key { return nodes[offset].mark }
        }
        return nil
    }

    /// Adds the key just pushed to the innermost map's index, building the index once the
    /// map has more than a few keys.
    private mutating func recordKey(_ key: String, at mark: Mark) {
        let top = open.count - 1
        if open[top].keyIndex != nil {
            open[top].keyIndex?[key] = mark
        } else if (nodes.count - open[top].start) / 2 >= 8 {
            var index: [String: Mark] = [:]
            for offset in stride(from: open[top].start, to: nodes.count, by: 2) {
                if case .scalar(let scalar) = nodes[offset].content { index[scalar.text] = nodes[offset].mark }
            }
            open[top].keyIndex = index
        }
    }

    /// The lead byte (0xC0 and above) at `from` or up to three bytes before it, if any.
    private static func leadByte(from: Int, in bytes: [UInt8]) -> Int? {
        var index = min(from, bytes.count - 1)
        while index >= 0, from - index < 4 {
            if bytes[index] >= 0xC0 { return index }
            index -= 1
        }
        return nil
    }

    private func parserError(_ parser: yaml_parser_t) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        switch parser.error {
        case YAML_READER_ERROR:
            let offset = Int(parser.problem_offset) + byteOffset
            let detail = parser.problem_value >= 0 ? String(format2Hex: parser.problem_value) : ""
            // libyaml points at the byte after the one that began the character: the column
            // is the lead byte's, where the stray letter (é written in Latin-1) is.
            let from = problem == "invalid trailing UTF-8 octet" ? offset - 1 : problem == "incomplete UTF-8 octet sequence" ? offset : -1
            if let lead = Self.leadByte(from: from, in: source.bytes) {
                let hex = String(source.bytes[lead], radix: 16, uppercase: true)
                return error(
                    "the file is not valid UTF-8 text: byte 0x\(hex) begins a character that is not complete; save the file as UTF-8",
                    source.mark(atByteOffset: lead))
            }
            // A byte that cannot begin a character is most often a letter or a curly quote
            // saved in Windows-1252 or Latin-1 (0x92 for ’, 0xA3 for £).
            let advice = problem == "invalid leading UTF-8 octet" ? "; save the file as UTF-8" : ""
            return error("the file is not valid UTF-8 text: \(problem)\(detail)\(advice)", source.mark(atByteOffset: offset))
        case YAML_MEMORY_ERROR:
            return error("out of memory while reading YAML", Mark(line: 1, column: 1))
        default:
            let mark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            if let plain = YAMLErrorTranslation.message(problem: problem, context: parser.context.map { String(cString: $0) }) {
                return error(plain, mark)
            }
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

extension String {
    /// ` (byte 0xFF)` for a reader error's offending value.
    fileprivate init(format2Hex value: Int32) {
        let hex = String(value, radix: 16, uppercase: true)
        self = " (byte 0x\(hex.count < 2 ? "0" + hex : hex))"
    }
}
