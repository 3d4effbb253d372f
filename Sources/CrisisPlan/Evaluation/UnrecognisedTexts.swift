/// The texts a policy has read for unrecognised observations (`UnrecognisedText`), found by
/// the bytes typed, for `CompiledPolicy.unrecognised(_:)`.
///
/// Open addressing over a list of (hash, text) slots, hashed with `ByteHash`: a look-up hashes
/// the text eight bytes at a time and compares bytes, where a `String` dictionary hashed it with
/// SipHash byte by byte, on every unrecognised observation. Texts equal only under canonical
/// equivalence (an "é" typed in one code point or two) are read once each; what is worked out
/// from them is the same.
struct UnrecognisedTexts: Sendable {
    /// Texts kept at most; at that many, the next new text starts the list again.
    static let limit = 4_096
    /// The longest text kept, in bytes. A longer one (a body may hold a 1 MiB text) is read
    /// afresh each time: kept, 4,096 of them could hold gigabytes, as a reading holds the text
    /// several times over (typed, normalised, as scalars, as words).
    static let longestKept = 1_024
    /// A power of two, twice `limit`: at most half full.
    private static let slotCount = 2 * limit
    /// 64 less the bits of a slot number.
    private static let shift = UInt64(64 - slotCount.trailingZeroBitCount)

    private var slots: [(hash: UInt64, text: UnrecognisedText?)] = []
    private(set) var count = 0
    /// Distinct for every text read (never reused), so that a plan can key its own memo by it.
    private var serial = 0

    /// The text read before with exactly these bytes, or a new reading of it.
    mutating func read(_ text: String, redFlags: [RedFlagMatcher]) -> UnrecognisedText {
        guard text.utf8.count <= Self.longestKept else {
            serial += 1
            return UnrecognisedText(text, redFlags: redFlags, serial: serial)
        }
        let hash = text.withUTF8Bytes { ByteHash($0).value }
        if slots.isEmpty { slots = Array(repeating: (0, nil), count: Self.slotCount) }
        // The top bits of the hash's product with a large odd constant, which every bit reaches.
        var slot = Int(truncatingIfNeeded: (hash &* 0x9e37_79b9_7f4a_7c15) >> Self.shift)
        while let known = slots[slot].text {
            if slots[slot].hash == hash, Self.sameBytes(known.typed, text) { return known }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
        if count >= Self.limit {
            slots = Array(repeating: (0, nil), count: Self.slotCount)
            count = 0
            return read(text, redFlags: redFlags)
        }
        serial += 1
        let read = UnrecognisedText(text, redFlags: redFlags, serial: serial)
        slots[slot] = (hash, read)
        count += 1
        return read
    }

    private static func sameBytes(_ left: String, _ right: String) -> Bool {
        left.withUTF8Bytes { left in right.withUTF8Bytes { right in left.elementsEqual(right) } }
    }
}
