/// FNV-1a over a text's bytes, eight at a time, for the tables evaluation looks texts up in on
/// every observation (`TextIndex`, the policy's unrecognised texts): a `String` hashes byte by
/// byte with SipHash.
///
/// Reads each byte once and gives, from the same loads, the first eight bytes as one word and
/// whether every byte is ASCII.
struct ByteHash {
    /// Never 0, so that a table can mark a free slot with 0.
    let value: UInt64
    /// The first eight bytes as one word in memory order, zero-padded (the first byte lowest on
    /// the little-endian machines Swift runs on here; tables store and compare it alike).
    let head: UInt64
    let isASCII: Bool

    @inline(__always)
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var seen: UInt64 = 0
        var head: UInt64 = 0
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            var offset = 0
            while offset &+ 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                if offset == 0 { head = word }
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
                if bytes.count < 8 { head = word }
                seen |= word
                hash = (hash ^ word) &* 0x100_0000_01b3
            }
        }
        value = hash | 1
        self.head = head
        isASCII = seen & 0x8080_8080_8080_8080 == 0
    }
}
