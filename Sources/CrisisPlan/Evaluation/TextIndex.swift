/// A lookup from text to a number (a position) for the small tables evaluation uses on every
/// observation: a plan's sign texts and decision names, a policy's fact ids (`SmallTable` adds
/// values of any type on top). Numbers below 65,536 are kept in the slots, any other in a list.
///
/// This runs for every sign and fact of every observation, usually in a plan nobody has asked
/// about for a while, so a look-up is built to read few cache lines: the table is one
/// allocation, its sizes beside its slots, each slot holding its key's number; it hashes the
/// text's bytes eight at a time, reads one slot, and compares the text with the key there — in
/// the slot itself for a key of up to eight bytes (a sign id), else with the key's bytes, kept
/// after the slots. A `String` dictionary hashes byte by byte with SipHash and compares through
/// `==`; a table whose slots and numbers were lists of their own read a line of each.
///
/// Sendable although its storage is a `ManagedBuffer`: written only in `init`, before it is
/// shared, and never after.
struct TextIndex: @unchecked Sendable {
    /// The slots and key bytes, in one allocation after the header.
    private final class Storage: ManagedBuffer<Header, UInt64> {}
    private let storage: Storage

    struct Header {
        /// A power of two, at least twice the keys in slots.
        let slotCount: Int
        /// 64 less the bits of a slot number.
        let shift: UInt64
        /// The keys in slots with their numbers: `==` is canonical equivalence, under which a
        /// text outside ASCII may equal an ASCII key (the Kelvin sign is "K"), so those
        /// look-ups compare texts, as `==` does.
        let asciiKeys: [(key: String, number: Int)]
        /// Every other key: outside ASCII (an ASCII text may equal one), too long for a slot's
        /// count or past its 32-bit start, or with a number past 16 bits.
        let others: [(key: String, number: Int)]
    }

    /// Words per slot: its key's hash (0 when free); its bytes' start (32 bits), count (16) and
    /// number (16); and its first eight bytes, zero-padded. The ASCII keys' bytes follow the
    /// slots, end to end.
    private static var slotWords: Int { 3 }

    /// The first pair of keys equal under `==` wins; no two kept keys are equal, so at most one
    /// matches any text.
    init(_ pairs: [(String, Int)]) {
        var kept: [String] = []
        var slotted: [(key: String, number: Int, hash: UInt64, start: Int)] = []
        var bytes: [UInt8] = []
        var others: [(key: String, number: Int)] = []
        for (key, number) in pairs where !kept.contains(key) {
            kept.append(key)
            if let hash = Self.hash(key), key.utf8.count <= Int(UInt16.max), (0...Int(UInt16.max)).contains(number),
                bytes.count + key.utf8.count <= Int(UInt32.max)
            {
                slotted.append((key, number, hash, bytes.count))
                bytes += key.utf8
            } else {
                others.append((key, number))
            }
        }
        var slotCount = 1
        var shift: UInt64 = 64
        while slotCount < 2 * slotted.count {
            slotCount *= 2
            shift -= 1
        }
        let slotsEnd = slotCount * Self.slotWords
        let words = slotsEnd + (bytes.count + 7) / 8
        let header = Header(
            slotCount: slotCount, shift: shift, asciiKeys: slotted.map { ($0.key, $0.number) }, others: others)
        storage = unsafeDowncast(Storage.create(minimumCapacity: words) { _ in header }, to: Storage.self)
        storage.withUnsafeMutablePointerToElements { first in
            first.initialize(repeating: 0, count: words)
            UnsafeMutableRawPointer(first + slotsEnd).copyMemory(from: bytes, byteCount: bytes.count)
            for entry in slotted {
                var slot = Self.slot(entry.hash, shift: shift)
                while first[slot * Self.slotWords] != 0 { slot = (slot + 1) & (slotCount - 1) }
                first[slot * Self.slotWords] = entry.hash
                first[slot * Self.slotWords + 1] =
                    UInt64(entry.start) | UInt64(entry.key.utf8.count) << 32 | UInt64(entry.number) << 48
                first[slot * Self.slotWords + 2] = entry.key.withUTF8Bytes(Self.hashAndHead)?.head ?? 0
            }
        }
    }

    /// The number of the key equal to `key` under `==`, if any.
    subscript(key: String) -> Int? {
        let found = key.withUTF8Bytes { asciiNumber(of: $0) }
        if found >= 0 { return found }
        // Read in place: the header's lists are read here on every look-up that misses (an
        // unrecognised sign), where copying them out of the buffer counts references and
        // checks exclusive access.
        return storage.withUnsafeMutablePointerToHeader { header in
            if found == Self.notASCII {
                for index in header.pointee.asciiKeys.indices where header.pointee.asciiKeys[index].key == key {
                    return header.pointee.asciiKeys[index].number
                }
            }
            for index in header.pointee.others.indices where header.pointee.others[index].key == key {
                return header.pointee.others[index].number
            }
            return nil
        }
    }

    /// The table's one allocation: header, slots and key bytes.
    func addStorage(to set: inout WorkingSet) {
        let slotCount = storage.withUnsafeMutablePointerToHeader { $0.pointee.slotCount }
        set.add(object: storage, bytes: 64 + slotCount * Self.slotWords * 8, atMost: 4096)
    }

    private static var notAmongASCIIKeys: Int { -1 }
    private static var notASCII: Int { -2 }

    /// The number of the ASCII key with these bytes (ASCII texts are equal exactly when their
    /// bytes are); `notAmongASCIIKeys`, or `notASCII` for a text outside ASCII.
    private func asciiNumber(of text: UnsafeBufferPointer<UInt8>) -> Int {
        guard let (hash, head) = Self.hashAndHead(text) else { return Self.notASCII }
        let (slotCount, shift) = storage.withUnsafeMutablePointerToHeader { ($0.pointee.slotCount, $0.pointee.shift) }
        return storage.withUnsafeMutablePointerToElements { words in
            let keyBytes = UnsafeRawPointer(words + slotCount &* Self.slotWords)
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
