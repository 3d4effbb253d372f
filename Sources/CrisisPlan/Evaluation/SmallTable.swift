/// A lookup from text to a value for the small tables evaluation uses (a plan's sign texts, a
/// policy's fact ids and enum values).
///
/// Below a few dozen keys, comparing short strings one by one is cheaper than hashing them,
/// and this runs for every sign and fact of every observation; larger tables use a dictionary.
struct SmallTable<Value: Sendable>: Sendable {
    private let keys: [String]
    private let values: [Value]
    private let index: [String: Int]?

    init(_ pairs: [(String, Value)]) {
        var keys: [String] = []
        var values: [Value] = []
        for (key, value) in pairs where !keys.contains(key) {
            keys.append(key)
            values.append(value)
        }
        self.keys = keys
        self.values = values
        if keys.count > 24 {
            var index: [String: Int] = [:]
            for (position, key) in keys.enumerated() { index[key] = position }
            self.index = index
        } else {
            index = nil
        }
    }

    subscript(key: String) -> Value? {
        if let index { return index[key].map { values[$0] } }
        for position in keys.indices where keys[position] == key { return values[position] }
        return nil
    }
}
