/// Writes JSON with keys in the order given, as SPEC §6 shows them.
///
/// Hand-written rather than `JSONEncoder` so the key order is the documented one and a
/// crisis worker's tools can rely on it; strings are escaped per RFC 8259.
struct JSONWriter {
    private(set) var text = ""
    private var needsComma: [Bool] = [false]

    mutating func beginObject() {
        value("{")
        needsComma.append(false)
    }
    mutating func endObject() {
        needsComma.removeLast()
        text += "}"
    }
    mutating func beginArray() {
        value("[")
        needsComma.append(false)
    }
    mutating func endArray() {
        needsComma.removeLast()
        text += "]"
    }

    mutating func key(_ name: String) {
        separate()
        text += "\"\(name)\":"
        needsComma[needsComma.count - 1] = false
        pendingKey = true
    }

    private var pendingKey = false

    mutating func string(_ value: String) { self.value(Self.quoted(value)) }
    mutating func string(_ value: String?) { if let value { string(value) } else { null() } }
    mutating func bool(_ value: Bool) { self.value(value ? "true" : "false") }
    mutating func null() { value("null") }

    mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    mutating func field(_ name: String, _ value: String) {
        key(name)
        string(value)
    }
    mutating func field(_ name: String, _ value: String?) {
        key(name)
        string(value)
    }
    mutating func field(_ name: String, _ value: Bool) {
        key(name)
        bool(value)
    }
    mutating func field(_ name: String, _ value: Bool?) {
        key(name)
        if let value { bool(value) } else { null() }
    }
    mutating func field(_ name: String, _ values: [String]) {
        key(name)
        strings(values)
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

    static func quoted(_ value: String) -> String {
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
