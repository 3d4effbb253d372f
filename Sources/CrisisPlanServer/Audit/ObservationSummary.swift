import CrisisPlan

/// The observations a request gave, as its audit record keeps them: the signs (and signs
/// resolved), the facts, the capacity assessments and any reinstatement, in the order given, every text cut as
/// `BoundedText` cuts it, and at most `limit` of each — with how many more there were under
/// `omitted` — so that a body of 20,000 signs is not a record of a megabyte.
enum ObservationSummary {
    static let limit = 100

    /// Written straight in canonical form — `capacity`, `facts`, `resolved`, `signs`; in each
    /// pair `decision` before `status`, `fact` before `value` — because every audited answer
    /// records one: a tree of maps was built, bounded, sorted and freed on every request.
    static func json(_ timeline: ObservationTimeline) -> CanonicalJSON {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        var first = true
        func open(_ list: String) {
            out.append(contentsOf: list.utf8)
            first = true
        }
        func separate() {
            if first { first = false } else { out.append(UInt8(ascii: ",")) }
        }
        func text(_ value: String) {
            separate()
            CanonicalJSON.quote(BoundedText.bounded(value), to: &out)
        }
        func pair(_ key: String, _ value: String, _ otherKey: String, _ other: String) {
            separate()
            out.append(UInt8(ascii: "{"))
            CanonicalJSON.quote(key, to: &out)
            out.append(UInt8(ascii: ":"))
            CanonicalJSON.quote(BoundedText.bounded(value), to: &out)
            out.append(UInt8(ascii: ","))
            CanonicalJSON.quote(otherKey, to: &out)
            out.append(UInt8(ascii: ":"))
            CanonicalJSON.quote(BoundedText.bounded(other), to: &out)
            out.append(UInt8(ascii: "}"))
        }
        let observations = timeline.observations
        /// The first `limit` entries of a list, in the order given.
        func each<Item>(_ items: (Observation) -> [Item], _ write: (Item) -> Void) {
            var written = 0
            for observation in observations {
                for item in items(observation) {
                    guard written < Self.limit else { return }
                    write(item)
                    written += 1
                }
            }
        }
        func count<Item>(_ items: (Observation) -> [Item]) -> Int { observations.reduce(0) { $0 + items($1).count } }
        let omitted = [
            ("capacity", count(\.capacity)), ("facts", count(\.facts)), ("resolved", count(\.resolved)),
            ("signs", count(\.signs)),
        ].filter { $0.1 > Self.limit }
        open(#"{"capacity":["#)
        each(\.capacity) { pair("decision", $0.decision, "status", $0.status.rawValue) }
        open(#"],"facts":["#)
        each(\.facts) { pair("fact", $0.fact, "value", $0.value) }
        // `omitted` sorts between `facts` and `resolved`; written only when something was.
        if !omitted.isEmpty {
            open(#"],"omitted":{"#)
            for (list, total) in omitted {
                separate()
                CanonicalJSON.quote(list, to: &out)
                out.append(contentsOf: ":\(total - Self.limit)".utf8)
            }
            out.append(UInt8(ascii: "}"))
            open(",")
        } else {
            open("],")
        }
        // Who was put back, by whom and why — the decision the answer's warning names — when
        // any was (`reinstated` sorts between `omitted` and `resolved`).
        if observations.contains(where: { !$0.reinstated.isEmpty }) {
            open(#""reinstated":["#)
            each(\.reinstated) { item in
                separate()
                out.append(UInt8(ascii: "{"))
                for (index, (key, value)) in [("by", item.by), ("contact", item.contact), ("reason", item.reason)].enumerated() {
                    if index > 0 { out.append(UInt8(ascii: ",")) }
                    CanonicalJSON.quote(key, to: &out)
                    out.append(UInt8(ascii: ":"))
                    CanonicalJSON.quote(BoundedText.bounded(value), to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
            open("],")
        }
        open(#""resolved":["#)
        each(\.resolved) { text($0.text) }
        open(#"],"signs":["#)
        each(\.signs) { text($0.text) }
        out.append(contentsOf: "]}".utf8)
        return .written(String(decoding: out, as: UTF8.self))
    }
}
