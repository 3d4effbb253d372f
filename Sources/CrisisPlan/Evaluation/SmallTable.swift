/// A lookup from text to a value for the small tables evaluation uses (a plan's sign texts, a
/// policy's fact ids and enum values).
///
/// Below a few dozen keys, comparing short strings one by one is cheaper than hashing them,
/// and this runs for every sign and fact of every observation; larger tables use a dictionary.
/// A class: a table read out of a list (a fact's values) is then one reference, not a copy
/// of each of its arrays.
final class SmallTable<Value: Sendable>: Sendable {
    private let keys: [String]
    private let index: [String: Int]?
    /// Per key: a hash of its bytes when it is ASCII (never 0), else 0, and its value. Text is
    /// compared with a key only when the hashes agree, so a look-up reads one small array
    /// rather than every key's storage (each a cache miss across thousands of plans) — and
    /// finds the value in the same array.
    private let entries: [(fingerprint: UInt64, value: Value)]

    init(_ pairs: [(String, Value)]) {
        var keys: [String] = []
        var values: [Value] = []
        for (key, value) in pairs where !keys.contains(key) {
            keys.append(key)
            values.append(value)
        }
        self.keys = keys
        entries = zip(keys, values).map { (Self.fingerprint($0) ?? 0, $1) }
        if keys.count > 24 {
            var index: [String: Int] = [:]
            for (position, key) in keys.enumerated() { index[key] = position }
            self.index = index
        } else {
            index = nil
        }
    }

    subscript(key: String) -> Value? {
        if let index { return index[key].map { entries[$0].value } }
        // `==` is canonical equivalence, under which an ASCII text equals only itself among
        // ASCII keys — but may equal a key outside ASCII (the Kelvin sign is "K"): such keys
        // (fingerprint 0) are always compared.
        guard let print = Self.fingerprint(key) else {
            for position in keys.indices where keys[position] == key { return entries[position].value }
            return nil
        }
        for position in entries.indices
        where entries[position].fingerprint == print || entries[position].fingerprint == 0 {
            if keys[position] == key { return entries[position].value }
        }
        return nil
    }

    /// FNV-1a over the bytes of an ASCII text, never 0; nil for any other text.
    private static func fingerprint(_ text: String) -> UInt64? {
        func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                guard byte < 0x80 else { return nil }
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            return hash | 1
        }
        return text.withUTF8Bytes(hash)
    }
}
