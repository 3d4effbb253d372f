import CrisisPlan

/// What happened, as one audit record tells it (SPEC v2 §9): who asked, as what role, for
/// what, about whom, what they gave and what they were told. Never a password or a token.
struct AuditEvent: Sendable, Equatable {
    var time: String
    var requestID: String
    var user: String?
    var role: String?
    var action: String
    var method: String
    var path: String
    var person: String?
    /// The search text of `GET /v1/people?q=`.
    var query: String?
    /// The observations given: signs, facts and capacity.
    var observation: CanonicalJSON?
    var stage: String?
    var flags: [String]?
    var status: Int
    var rulesVersion: String?
    var client: String
    /// Requests from this address that were not signed in and went unrecorded in the minute
    /// before (at most 60 a minute are recorded).
    var suppressed: Int? = nil
    /// What a route adds about what was done: the cards a hook sent, the outcome a worker or
    /// the record system reported and against which answer or card. Values already bounded.
    var details: [String: CanonicalJSON] = [:]

    /// The record as the chain hashes it: RFC 8785 canonical JSON of every field, with the
    /// chain's `instance`, `seq` and `prev`, and `details` beside them (a detail never
    /// replaces a field of the record's own). Written straight from the fields, already in
    /// canonical order: every audited request writes one, and a dictionary sorted each time
    /// was a tenth of the service's CPU.
    func record(instance: String, seq: Int64, prev: String) -> String {
        // In canonical order (ASCII keys, by bytes); `suppressed` only when there were any.
        var members: [(key: String, value: CanonicalJSON)] = [
            ("action", .string(action)), ("client", .string(client)),
            ("flags", flags.map(CanonicalJSON.strings) ?? .null), ("instance", .string(instance)),
            ("method", .string(method)), ("observation", observation ?? .null), ("path", .string(path)),
            ("person", .string(person)), ("prev", .string(prev)), ("query", .string(query)),
            ("request_id", .string(requestID)), ("role", .string(role)), ("rules_version", .string(rulesVersion)),
            ("seq", .integer(seq)), ("stage", .string(stage)), ("status", .integer(Int64(status))),
        ]
        if let suppressed { members.append(("suppressed", .integer(Int64(suppressed)))) }
        members += [("time", .string(time)), ("user", .string(user))]
        if !details.isEmpty {
            let own = Set(members.map(\.key))
            members += details.filter { !own.contains($0.key) }.map { ($0.key, $0.value) }
            members.sort { CanonicalJSON.precedes($0.key, $1.key) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        CanonicalJSON.write(members: members, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Audit times to the millisecond, in UTC: `2026-11-28T16:30:00.123Z`.
    static func time(_ now: Timestamp) -> String {
        let whole = Timestamp(seconds: now.seconds).description
        let milliseconds = Int(now.nanoseconds / 1_000_000)
        return String(whole.dropLast()) + "." + String(1000 + milliseconds).dropFirst() + "Z"
    }
}
