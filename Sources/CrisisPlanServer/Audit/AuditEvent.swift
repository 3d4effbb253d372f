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

    /// The record's members, before the chain adds `instance`, `seq` and `prev`.
    var members: [String: CanonicalJSON] {
        [
            "time": .string(time), "request_id": .string(requestID), "user": .string(user), "role": .string(role),
            "action": .string(action), "method": .string(method), "path": .string(path), "person": .string(person),
            "query": .string(query), "observation": observation ?? .null, "stage": .string(stage),
            "flags": flags.map(CanonicalJSON.strings) ?? .null, "status": .integer(Int64(status)),
            "rules_version": .string(rulesVersion), "client": .string(client),
        ].merging(suppressed.map { ["suppressed": .integer(Int64($0))] } ?? [:]) { first, _ in first }
            .merging(details) { first, _ in first }
    }

    /// Audit times to the millisecond, in UTC: `2026-11-28T16:30:00.123Z`.
    static func time(_ now: Timestamp) -> String {
        let whole = Timestamp(seconds: now.seconds).description
        let milliseconds = Int(now.nanoseconds / 1_000_000)
        return String(whole.dropLast()) + "." + String(1000 + milliseconds).dropFirst() + "Z"
    }
}
