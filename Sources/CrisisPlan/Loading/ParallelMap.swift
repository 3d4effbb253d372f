import Dispatch

/// Maps over an array on every core, keeping the order of the input.
///
/// Used to decode thousands of independent plan files; each element is transformed exactly once
/// and written to its own slot, so no two threads touch the same memory.
enum ParallelMap {
    static func map<Element: Sendable, Result: Sendable>(
        _ items: [Element], _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        guard items.count > 1 else { return items.map(transform) }
        let slots = Slots<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            slots.set(index, transform(items[index]))
        }
        return slots.results()
    }
}

/// Write-once slots filled from many threads, one thread per slot.
///
/// Raw memory rather than an array: concurrent writes through an array's mutating accessors
/// would trip Swift's exclusivity checks even though the slots never overlap.
private final class Slots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value?>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    func set(_ index: Int, _ value: Value) {
        storage[index] = value
    }

    func results() -> [Value] {
        storage.map { $0! }
    }
}
