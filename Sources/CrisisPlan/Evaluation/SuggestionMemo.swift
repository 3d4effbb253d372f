/// The signs suggested for each unrecognised text a plan has seen, by the text's serial number
/// (`UnrecognisedText.serial`), so that suggestions are worked out once per plan and text.
///
/// A table of fixed size, made when the plan's first entry is kept, whose entries are plain
/// numbers: one is found, or written in place, with no allocation and no reference count. A
/// text is asked about once in a while across thousands of plans, so the memo is usually cold:
/// a look-up here reads one or two cache lines, where a dictionary of arrays read several and
/// kept an allocation per text alive.
///
/// A text goes in its slot or one of the next three; when all four are taken it replaces the
/// first. The memo keeps the latest texts, and an older one is worked out again if it comes back.
struct SuggestionMemo: Sendable {
    /// Slots in the table: more than one person's crisis brings, and 2 KiB a plan.
    static let slots = 64
    /// Slots a text may take: its own and the next three.
    static let probes = 4
    /// The most suggestions an entry holds: three, after the signs of up to five `,`/`;` parts.
    /// A text with more (six parts or more, each a different sign) is worked out every time.
    static let capacity = 8

    /// One text's suggestions: sign positions, closest first, 16 bits each.
    struct Entry: Sendable {
        /// 0 in a free slot (serial numbers start at 1).
        var serial = 0
        var count = 0
        var packed: (UInt64, UInt64) = (0, 0)

        init() {}

        /// `nil` when the positions do not fit (too many, or a position past 16 bits).
        init?(serial: Int, positions: [Int]) {
            guard positions.count <= SuggestionMemo.capacity,
                positions.allSatisfy({ $0 >= 0 && $0 <= Int(UInt16.max) })
            else { return nil }
            self.serial = serial
            count = positions.count
            for (index, position) in positions.enumerated() {
                let shifted = UInt64(position) << (16 * UInt64(index % 4))
                if index < 4 { packed.0 |= shifted } else { packed.1 |= shifted }
            }
        }

        subscript(index: Int) -> Int {
            let word = index < 4 ? packed.0 : packed.1
            return Int(truncatingIfNeeded: (word >> (16 * UInt64(index % 4))) & 0xFFFF)
        }
    }

    private var table: [Entry] = []

    /// The entry for a serial number, if the memo has it.
    func entry(for serial: Int) -> Entry? {
        guard !table.isEmpty else { return nil }
        var slot = serial & (Self.slots - 1)
        for _ in 0..<Self.probes {
            if table[slot].serial == serial { return table[slot] }
            if table[slot].serial == 0 { return nil }
            slot = (slot + 1) & (Self.slots - 1)
        }
        return nil
    }

    /// Keeps an entry: in the first free slot of its four, else in place of the first.
    mutating func remember(_ entry: Entry) {
        if table.isEmpty { table = Array(repeating: Entry(), count: Self.slots) }
        let first = entry.serial & (Self.slots - 1)
        var slot = first
        for _ in 0..<Self.probes {
            if table[slot].serial == 0 || table[slot].serial == entry.serial {
                table[slot] = entry
                return
            }
            slot = (slot + 1) & (Self.slots - 1)
        }
        table[first] = entry
    }
}
