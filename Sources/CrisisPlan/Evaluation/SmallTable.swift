/// A lookup from text to a value for the policy's small tables of any value type (each fact's
/// allowed values): a `TextIndex` from each key to its value's position.
struct SmallTable<Value: Sendable>: Sendable {
    private let index: TextIndex
    private let values: [Value]

    /// The first of keys equal under `==` wins.
    init(_ pairs: [(String, Value)]) {
        index = TextIndex(pairs.enumerated().map { ($1.0, $0) })
        values = pairs.map(\.1)
    }

    subscript(key: String) -> Value? {
        index[key].map { values[$0] }
    }
}
