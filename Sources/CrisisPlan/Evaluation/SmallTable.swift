/// A lookup from text to a value for the small tables evaluation uses (a plan's sign texts, a
/// policy's fact ids and enum values).
///
/// This runs for every sign and fact of every observation, so a look-up reads the text's bytes
/// once, eight at a time: it hashes them, finds the slot, and compares them with the key's,
/// which are kept end to end in one array. A `String` dictionary hashes byte by byte with
/// SipHash and compares through `==`, and a list compared key by key reads each key's own
/// storage — a cache miss across thousands of plans.
///
/// A class: a table read out of a list (a fact's values) is then one reference, not a copy of
/// each of its arrays.
final class SmallTable<Value: Sendable>: Sendable {
    /// An ASCII key: its hash, and where its bytes are in `bytes`. Apart from the values, so
    /// that the look-up is the same code whatever the values are. 32-bit offsets: a table's
    /// keys come from rule files read at most 1 MiB each, far below 2 GiB.
    private struct Key: Sendable {
        var hash: UInt64
        var start: Int32
        var count: Int32
    }
    private let keys: [Key]
    private let values: [Value]
    private let bytes: [UInt8]
    /// Open addressing: a `keys` position + 1 in the slot of its hash (or the next free one),
    /// 0 in a free slot; a power of two in size, at most half full.
    private let slots: [Int32]
    /// 64 less the bits of a slot number.
    private let shift: UInt64
    /// The ASCII keys as text, and every key outside ASCII with its value: `==` is canonical
    /// equivalence, under which a text outside ASCII may equal an ASCII key (the Kelvin sign
    /// is "K") and an ASCII text a key outside it. Those look-ups compare texts, as `==` does.
    private let asciiKeys: [String]
    private let others: [(key: String, value: Value)]

    init(_ pairs: [(String, Value)]) {
        var kept: [String] = []
        var keys: [Key] = []
        var values: [Value] = []
        var bytes: [UInt8] = []
        var asciiKeys: [String] = []
        var others: [(key: String, value: Value)] = []
        // The first of keys equal under `==` wins; no two kept keys are equal, so at most one
        // matches any text.
        for (key, value) in pairs where !kept.contains(key) {
            kept.append(key)
            if let hash = Self.hash(key) {
                keys.append(Key(hash: hash, start: Int32(bytes.count), count: Int32(key.utf8.count)))
                values.append(value)
                bytes += key.utf8
                asciiKeys.append(key)
            } else {
                others.append((key, value))
            }
        }
        var size = 1
        var shift: UInt64 = 64
        while size < 2 * keys.count {
            size *= 2
            shift -= 1
        }
        var slots = [Int32](repeating: 0, count: size)
        for position in keys.indices {
            var slot = Self.slot(keys[position].hash, shift: shift)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(position + 1)
        }
        self.keys = keys
        self.values = values
        self.bytes = bytes
        self.slots = slots
        self.shift = shift
        self.asciiKeys = asciiKeys
        self.others = others
    }

    subscript(key: String) -> Value? {
        let position = key.withUTF8Bytes { asciiPosition(of: $0) }
        if position >= 0 { return values[position] }
        if position == Self.notASCII {
            for index in asciiKeys.indices where asciiKeys[index] == key { return values[index] }
        }
        for other in others where other.key == key { return other.value }
        return nil
    }

    private static var notAmongASCIIKeys: Int { -1 }
    private static var notASCII: Int { -2 }

    /// The position of the ASCII key with these bytes (ASCII texts are equal exactly when
    /// their bytes are); `notAmongASCIIKeys`, or `notASCII` for a text outside ASCII.
    private func asciiPosition(of text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let hash = Self.hash(text) else { return Self.notASCII }
        return slots.withUnsafeBufferPointer { slots in
            keys.withUnsafeBufferPointer { keys in
                bytes.withUnsafeBufferPointer { bytes in
                    let mask = slots.count - 1
                    var slot = Self.slot(hash, shift: shift)
                    while true {
                        let taken = Int(slots[slot])
                        guard taken != 0 else { return Self.notAmongASCIIKeys }
                        let key = keys[taken - 1]
                        if key.hash == hash, Int(key.count) == text.count,
                            Self.equal(text, bytes.baseAddress.map { $0 + Int(key.start) })
                        {
                            return taken - 1
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// The first slot for a hash: the top bits of its product with a large odd constant, which
    /// every bit of the hash reaches.
    private static func slot(_ hash: UInt64, shift: UInt64) -> Int {
        shift >= 64 ? 0 : Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    /// FNV-1a over the bytes of an ASCII text, eight at a time; never 0, and nil for any
    /// other text.
    static func hash(_ text: String) -> UInt64? {
        text.withUTF8Bytes(hash)
    }

    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var seen: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset &+ 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                seen |= word
                hash = (hash ^ word) &* 0x100_0000_01b3
                offset &+= 8
            }
            let rest = bytes.count &- offset
            if rest > 0 {
                // The last one to seven bytes, as four, two and one.
                var word: UInt64 = 0
                var filled: UInt64 = 0
                if rest & 4 != 0 {
                    word = UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
                    offset &+= 4
                    filled = 32
                }
                if rest & 2 != 0 {
                    word |= UInt64(raw.loadUnaligned(fromByteOffset: offset, as: UInt16.self)) &<< filled
                    offset &+= 2
                    filled &+= 16
                }
                if rest & 1 != 0 { word |= UInt64(raw.load(fromByteOffset: offset, as: UInt8.self)) &<< filled }
                seen |= word
                hash = (hash ^ word) &* 0x100_0000_01b3
            }
        }
        guard seen & 0x8080_8080_8080_8080 == 0 else { return nil }
        return hash | 1
    }

    /// Whether the bytes at `other` are the text's bytes, compared eight at a time.
    private static func equal(_ text: UnsafeBufferPointer<UInt8>, _ other: UnsafePointer<UInt8>?) -> Bool {
        guard let base = text.baseAddress, let other else { return text.isEmpty }
        let left = UnsafeRawPointer(base)
        let right = UnsafeRawPointer(other)
        var offset = 0
        while offset &+ 8 <= text.count {
            guard left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                == right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset &+= 8
        }
        while offset < text.count {
            guard base[offset] == other[offset] else { return false }
            offset &+= 1
        }
        return true
    }
}
