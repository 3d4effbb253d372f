/// Writes JSON with keys in the order given, as SPEC §6 shows them.
///
/// Hand-written rather than `JSONEncoder` so the key order is the documented one and a
/// crisis worker's tools can rely on it; strings are escaped per RFC 8259. The service writes
/// its own bodies with it too, so that every JSON it sends reads alike.
public struct JSONWriter: Sendable {
    public private(set) var text = ""
    private var needsComma: [Bool] = [false]

    public mutating func beginObject() {
        value("{")
        needsComma.append(false)
    }
    public mutating func endObject() {
        needsComma.removeLast()
        text += "}"
    }
    public mutating func beginArray() {
        value("[")
        needsComma.append(false)
    }
    public mutating func endArray() {
        needsComma.removeLast()
        text += "]"
    }

    public mutating func key(_ name: String) {
        separate()
        text += "\"\(name)\":"
        needsComma[needsComma.count - 1] = false
        pendingKey = true
    }

    private var pendingKey = false

    public init() {}

    public mutating func string(_ value: String) { self.value(Self.quoted(value)) }
    public mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func bool(_ value: Bool) { self.value(value ? "true" : "false") }
    public mutating func null() { value("null") }

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
        self.value(String(value))
    }

    private mutating func value(_ raw: String) {
        if pendingKey {
            pendingKey = false
        } else {
            separate()
        }
        text += raw
        needsComma[needsComma.count - 1] = true
    }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { text += "," }
    }

    public static func quoted(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case let c where c.value < 0x20:
                let hex = String(c.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
