/// A lookup from text to a value for the small tables evaluation uses (a plan's sign texts, a
/// policy's fact ids and enum values).
///
/// This runs for every sign and fact of every observation, usually in a plan nobody has asked
/// about for a while, so a look-up is built to read few cache lines: it hashes the text's bytes
/// eight at a time, reads one slot, and compares the text with the key there — in the slot
/// itself for a key of up to eight bytes (a sign id), else with the key's bytes, kept after the
/// slots in the same buffer. A `String` dictionary hashes byte by byte with SipHash and compares
/// through `==`, and a table with a list per field reads a cache line of each.
///
/// A class: a table read out of a list (a fact's values) is then one reference, not a copy of
/// each of its arrays.
final class SmallTable<Value: Sendable>: Sendable {
    /// `slotWords` words per slot, a power of two slots at most half full, then the ASCII keys'
    /// bytes end to end. A slot holds its key's hash (0 when free); its bytes' start (32 bits),
    /// count (16) and position in `values` (16); and its first eight bytes, zero-padded.
    private let storage: [UInt64]
    private let values: [Value]
    /// 64 less the bits of a slot number.
    private let shift: UInt64
    private let slotCount: Int
    private static var slotWords: Int { 3 }
    /// The ASCII keys as text, and every other key with its value: `==` is canonical
    /// equivalence, under which a text outside ASCII may equal an ASCII key (the Kelvin sign
    /// is "K") and an ASCII text a key outside it. Those look-ups compare texts, as `==` does.
    /// Keys too long for a slot's count, or past its 16-bit position, are among the others too.
    private let asciiKeys: [String]
    private let others: [(key: String, value: Value)]

    init(_ pairs: [(String, Value)]) {
        var kept: [String] = []
        var hashes: [UInt64] = []
        var values: [Value] = []
        var bytes: [UInt8] = []
        var starts: [Int] = []
        var asciiKeys: [String] = []
        var others: [(key: String, value: Value)] = []
        // The first of keys equal under `==` wins; no two kept keys are equal, so at most one
        // matches any text.
        for (key, value) in pairs where !kept.contains(key) {
            kept.append(key)
            if let hash = Self.hash(key), key.utf8.count <= Int(UInt16.max), values.count < Int(UInt16.max),
                bytes.count + key.utf8.count <= Int(UInt32.max)
            {
                hashes.append(hash)
                starts.append(bytes.count)
                values.append(value)
                bytes += key.utf8
                asciiKeys.append(key)
            } else {
                others.append((key, value))
            }
        }
        var size = 1
        var shift: UInt64 = 64
        while size < 2 * hashes.count {
            size *= 2
            shift -= 1
        }
        let slotsEnd = size * Self.slotWords
        var storage = [UInt64](repeating: 0, count: slotsEnd + (bytes.count + 7) / 8)
        storage.withUnsafeMutableBytes { raw in
            UnsafeMutableRawBufferPointer(rebasing: raw[(slotsEnd * 8)...]).copyBytes(from: bytes)
        }
        for position in hashes.indices {
            var slot = Self.slot(hashes[position], shift: shift)
            while storage[slot * Self.slotWords] != 0 { slot = (slot + 1) & (size - 1) }
            let count = asciiKeys[position].utf8.count
            storage[slot * Self.slotWords] = hashes[position]
            storage[slot * Self.slotWords + 1] =
                UInt64(starts[position]) | UInt64(count) << 32 | UInt64(position) << 48
            storage[slot * Self.slotWords + 2] = asciiKeys[position].withUTF8Bytes(Self.hashAndHead)?.head ?? 0
        }
        self.storage = storage
        self.values = values
        self.shift = shift
        slotCount = size
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
        guard let (hash, head) = Self.hashAndHead(text) else { return Self.notASCII }
        return storage.withUnsafeBufferPointer { words in
            // Never empty: a table has at least one slot.
            guard let first = words.baseAddress else { return Self.notAmongASCIIKeys }
            let keyBytes = UnsafeRawPointer(first + slotCount &* Self.slotWords)
            let mask = slotCount - 1
            var slot = Self.slot(hash, shift: shift)
            while true {
                let base = slot &* Self.slotWords
                let slotHash = words[base]
                guard slotHash != 0 else { return Self.notAmongASCIIKeys }
                let place = words[base &+ 1]
                if slotHash == hash, Int(truncatingIfNeeded: (place >> 32) & 0xFFFF) == text.count {
                    let found =
                        text.count <= 8
                        ? head == words[base &+ 2]
                        : Self.equal(text, keyBytes + Int(truncatingIfNeeded: place & 0xFFFF_FFFF))
                    if found { return Int(truncatingIfNeeded: place >> 48) }
                }
                slot = (slot &+ 1) & mask
            }
        }
    }

    /// The first slot for a hash: the top bits of its product with a large odd constant, which
    /// every bit of the hash reaches.
    private static func slot(_ hash: UInt64, shift: UInt64) -> Int {
        shift >= 64 ? 0 : Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> shift)
    }

    /// FNV-1a over the bytes of an ASCII text, eight at a time (`ByteHash`); never 0, and nil
    /// for any other text.
    static func hash(_ text: String) -> UInt64? {
        text.withUTF8Bytes(hashAndHead)?.hash
    }

    /// The hash, and the first eight bytes as a slot holds them; nil outside ASCII.
    @inline(__always)
    private static func hashAndHead(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, head: UInt64)? {
        let hashed = ByteHash(bytes)
        return hashed.isASCII ? (hashed.value, hashed.head) : nil
    }

    /// Whether the bytes at `other` are the text's bytes, compared eight at a time.
    private static func equal(_ text: UnsafeBufferPointer<UInt8>, _ other: UnsafeRawPointer) -> Bool {
        guard let base = text.baseAddress else { return true }
        let left = UnsafeRawPointer(base)
        var offset = 0
        while offset &+ 8 <= text.count {
            guard left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                == other.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset &+= 8
        }
        while offset < text.count {
            guard left.load(fromByteOffset: offset, as: UInt8.self)
                == other.load(fromByteOffset: offset, as: UInt8.self)
            else { return false }
            offset &+= 1
        }
        return true
    }
}
