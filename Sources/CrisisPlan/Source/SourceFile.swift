/// The bytes of one input file, kept so that diagnostics can quote the offending line.
public struct SourceFile: Sendable {
    /// The path as it is shown to the user (see `RulesPath`).
    public var path: String
    public var bytes: [UInt8] {
        didSet { lineStarts = Self.lineStarts(bytes) }
    }
    /// The size of a file too large to read, when known from the file system.
    public var declaredSize: Int?
    /// Read from a pipe and stopped one byte past the limit: the real size is not known.
    public var isTruncated = false
    /// Where each line starts, indexed once so that quoting many lines stays linear.
    private var lineStarts: [Int]

    public init(path: String, bytes: [UInt8], declaredSize: Int? = nil) {
        self.path = path
        self.bytes = bytes
        self.declaredSize = declaredSize
        lineStarts = Self.lineStarts(bytes)
    }

    private static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        return starts
    }

    /// The size of the input in bytes, read or not.
    public var size: Int { declaredSize ?? bytes.count }

    /// The text of a 1-based line, without its line break; `nil` past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let start = lineStarts[number - 1]
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    ///
    /// libyaml reports a reader error (invalid UTF-8, a control character) with a byte offset
    /// and a mark of 0:0; this turns the offset into a position a person can find.
    public func mark(atByteOffset offset: Int) -> Mark {
        var line = 1
        var column = 1
        var index = 0
        let end = min(offset, bytes.count)
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        return Mark(line: line, column: column)
    }
}
