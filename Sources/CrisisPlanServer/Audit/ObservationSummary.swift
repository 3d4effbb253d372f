import CrisisPlan

/// The observations a request gave, as its audit record keeps them: the signs (and signs
/// resolved), the facts and the capacity assessments, in the order given, every text cut as
/// `BoundedText` cuts it.
enum ObservationSummary {
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
        open(#"{"capacity":["#)
        for observation in observations {
            for assessment in observation.capacity {
                pair("decision", assessment.decision, "status", assessment.status.rawValue)
            }
        }
        open(#"],"facts":["#)
        for observation in observations {
            for fact in observation.facts { pair("fact", fact.fact, "value", fact.value) }
        }
        open(#"],"resolved":["#)
        for observation in observations {
            for resolved in observation.resolved { text(resolved.text) }
        }
        open(#"],"signs":["#)
        for observation in observations {
            for sign in observation.signs { text(sign.text) }
        }
        out.append(contentsOf: "]}".utf8)
        return .written(String(decoding: out, as: UTF8.self))
    }
}
