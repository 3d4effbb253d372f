/// Writes JSON with keys in the order given, as SPEC §6 shows them.
///
/// Hand-written rather than `JSONEncoder` so the key order is the documented one and a
/// crisis worker's tools can rely on it; strings are escaped per RFC 8259. The service writes
/// its own bodies with it too, so that every JSON it sends reads alike. Written as UTF-8
/// bytes, runs without escapes copied whole: the service writes one answer per request.
public struct JSONWriter: Sendable {
    /// What has been written, as UTF-8: the service sends these bytes as they are.
    public private(set) var utf8: [UInt8] = []
    /// Whether the innermost object or array needs a comma before its next member. No stack of
    /// these is kept: an object or array just closed is itself a value of the one around it,
    /// so after it that one always needs a comma.
    private var needsComma = false
    private var pendingKey = false

    public init() {
        utf8.reserveCapacity(4096)
    }

    public var text: String { String(decoding: utf8, as: UTF8.self) }

    public mutating func beginObject() {
        value(UInt8(ascii: "{"))
        needsComma = false
    }
    public mutating func endObject() {
        utf8.append(UInt8(ascii: "}"))
        needsComma = true
    }
    public mutating func beginArray() {
        value(UInt8(ascii: "["))
        needsComma = false
    }
    public mutating func endArray() {
        utf8.append(UInt8(ascii: "]"))
        needsComma = true
    }

    public mutating func key(_ name: String) {
        separate()
        Self.appendQuoted(name, to: &utf8)
        utf8.append(UInt8(ascii: ":"))
        needsComma = false
        pendingKey = true
    }

    public mutating func string(_ value: String) {
        startValue()
        Self.appendQuoted(value, to: &utf8)
    }
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func bool(_ value: Bool) { raw(value ? "true" : "false") }
    public mutating func null() { raw("null") }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    public mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }
    public mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }
    public mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }
    public mutating func field(_ name: String, _ value: Bool?) {
        key(name)
        if let value { bool(value) } else { null() }
    }
    public mutating func field(_ name: String, _ values: [String]) {
        key(name)
        strings(values)
    }
    public mutating func field(_ name: String, _ value: Int) {
        key(name)
        raw(String(value))
    }

    /// A value already written as JSON (a document embedded whole).
    public mutating func raw(_ text: String) {
        startValue()
        utf8.append(contentsOf: text.utf8)
    }

    private mutating func value(_ byte: UInt8) {
        startValue()
        utf8.append(byte)
    }

    private mutating func startValue() {
        if pendingKey {
            pendingKey = false
        } else {
            separate()
        }
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { utf8.append(UInt8(ascii: ",")) }
    }

    private static func appendQuoted(_ value: String, to out: inout [UInt8]) {
        // Read in place: a text held as UTF-8 (every text the engine makes) is neither copied
        // nor retained; a bridged one is made contiguous first.
        if value.utf8.withContiguousStorageIfAvailable({ appendQuoted(bytes: $0, to: &out) }) != nil { return }
        var value = value
        value.withUTF8 { appendQuoted(bytes: $0, to: &out) }
    }

    private static func appendQuoted(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            runStart = index + 1
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case UInt8(ascii: "\n"): out.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): out.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: "u00".utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        out.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
