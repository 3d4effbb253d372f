/// A small deterministic shuffle, so a scenario always offers its choices in the same order
/// (a trainer can prepare, and tests can play a session through).
struct TrainingShuffle {
    private var generator: SplitMix64

    init(seed: Int) {
        generator = SplitMix64(seed: UInt64(truncatingIfNeeded: seed))
    }

    mutating func shuffled<T>(_ items: [T]) -> [T] {
        items.shuffled(using: &generator)
    }
}
