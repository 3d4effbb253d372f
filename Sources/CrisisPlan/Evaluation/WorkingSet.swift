import CMemoryHints

/// The memory one plan's evaluation reads, as a list of cache lines to ask for at once.
///
/// A library holds thousands of plans, and the one asked about has usually left the cache:
/// an evaluation then waits on forty or so misses, one after another, each for a pointer the
/// last one brought in. The plan's prepared parts never change after they are built, so where
/// they live is known in advance: `prefetch()` asks for every line of them before evaluating,
/// and the memory system fetches them side by side instead of in turn.
///
/// Addresses only, never read through: a prefetch is a hint that cannot fault and changes no
/// value, so a line that has gone (or was never needed) costs a little bandwidth and nothing
/// else. That is also why it is Sendable: nothing is shared but numbers.
struct WorkingSet: @unchecked Sendable {
    /// How much of one buffer is asked for: its header and first lines. A large table is read
    /// at a slot or two, and asking for all of it would push other plans' lines out.
    static let bytesPerBuffer = 512
    static let lineSize = 64

    private var lines: [UnsafeRawPointer] = []

    init() {}

    /// Asks for every line, in the order added.
    func prefetch() {
        lines.withUnsafeBufferPointer { lines in
            for line in lines { crisisplan_prefetch(line) }
        }
    }

    /// Whether the line holding `address` is asked for.
    func covers(_ address: UnsafeRawPointer) -> Bool {
        let line = UInt(bitPattern: address) & ~UInt(Self.lineSize - 1)
        return lines.contains { UInt(bitPattern: $0) == line }
    }

    /// Asks now for the first lines of an array's buffer (an observation's signs or facts,
    /// read next and usually decoded long before).
    static func prefetch<Element>(_ array: [Element]) {
        array.withUnsafeBytes { bytes in
            guard let start = bytes.baseAddress else { return }
            var offset = -arrayHeaderBytes
            while offset < min(bytes.count, bytesPerBuffer) {
                crisisplan_prefetch(start + offset)
                offset += lineSize
            }
        }
    }

    /// The lines of `bytes` bytes from `start`, `atMost` of them.
    mutating func add(_ start: UnsafeRawPointer?, bytes: Int, atMost limit: Int = bytesPerBuffer) {
        guard let start, bytes > 0 else { return }
        let first = UInt(bitPattern: start) & ~UInt(Self.lineSize - 1)
        let end = UInt(bitPattern: start) + UInt(min(bytes, limit))
        var line = first
        while line < end {
            if let pointer = UnsafeRawPointer(bitPattern: line) { lines.append(pointer) }
            line += UInt(Self.lineSize)
        }
    }

    /// An object: its header and stored properties (`bytes` of it, else its whole allocation).
    mutating func add(object: AnyObject, bytes: Int? = nil, atMost limit: Int = bytesPerBuffer) {
        let start = UnsafeRawPointer(Unmanaged.passUnretained(object).toOpaque())
        add(start, bytes: bytes ?? Self.allocatedBytes(at: start), atMost: limit)
    }

    /// The size of the allocation at `start`, as the allocator reports it (four lines where
    /// it cannot say).
    private static func allocatedBytes(at start: UnsafeRawPointer) -> Int {
        let size = crisisplan_allocated_size(UnsafeMutableRawPointer(mutating: start))
        return size > 0 ? size : lineSize * 4
    }

    /// An array's buffer: its header (with the reference count a copy of the array writes)
    /// and its first elements. An empty array shares one buffer program-wide, always cached.
    mutating func add<Element>(_ array: [Element], atMost limit: Int = bytesPerBuffer) {
        guard !array.isEmpty else { return }
        array.withUnsafeBytes { bytes in
            add(bytes.baseAddress.map { $0 - Self.arrayHeaderBytes }, bytes: bytes.count + Self.arrayHeaderBytes, atMost: limit)
        }
    }

    /// A string's storage, when it has one (a text of more than 15 bytes): copying the string
    /// into an answer writes its reference count.
    mutating func add(_ string: String) {
        guard string.utf8.count > 15 else { return }
        string.utf8.withContiguousStorageIfAvailable { bytes in
            add(bytes.baseAddress.map { UnsafeRawPointer($0) - Self.stringHeaderBytes }, bytes: Self.stringHeaderBytes)
        }
    }

    /// Object header (16 bytes) and count and capacity (16) before an array's first element.
    private static var arrayHeaderBytes: Int { 32 }
    /// Object header and the count, capacity and breadcrumbs before a string's first byte.
    private static var stringHeaderBytes: Int { 32 }
}
