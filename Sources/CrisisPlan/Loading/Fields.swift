/// The entries of one YAML map whose keys have been checked against the allowed set.
struct Fields {
    let entries: [YAMLEntry]
    let mark: Mark

    subscript(key: String) -> YAMLNode? {
        for entry in entries where entry.key == key { return entry.value }
        return nil
    }

    func keyMark(_ key: String) -> Mark? {
        entries.first(where: { $0.key == key })?.keyMark
    }
}
