import PropertyBased
import Testing

@testable import CrisisPlanServer

/// The audit record is written straight from its fields, in canonical order, because it is
/// written for every audited request. Its bytes are what the chain hashes, so they must be
/// exactly the RFC 8785 form of the record's members as a map — checked here against that
/// plain definition over generated events.
@Suite("An audit record's bytes are the canonical JSON of its members")
struct AuditRecordPropertyTests {
    /// Keys a route's details might use: ordinary ones, the record's own field names (which a
    /// detail never replaces), `suppressed` (a detail's own when no request was suppressed)
    /// and keys outside ASCII, ordered by UTF-16 code units.
    static let detailKeys = [
        "cards", "outcome", "answer_id", "action", "seq", "prev", "instance", "user", "suppressed", "zz", "é",
        "\u{1F600}", "\u{FB01}x", "Z", "a b", "status",
    ]
    static let texts = ["", "a", "Alex O'Neill", "\"quoted\"\n\t", "é\u{0301}", "\u{1F600}", "\u{0}\u{1F}", "path/to"]

    static func event(_ choices: [Int]) -> AuditEvent {
        var c = ChoiceStream(choices)
        let text = { (c: inout ChoiceStream) in texts[c.next(texts.count)] }
        let optional = { (c: inout ChoiceStream) in c.chance(30) ? nil : texts[c.next(texts.count)] }
        func value(_ c: inout ChoiceStream, depth: Int = 0) -> CanonicalJSON {
            switch c.next(depth > 1 ? 4 : 6) {
            case 0: return .null
            case 1: return .bool(c.chance(50))
            case 2: return .integer(Int64(c.next(2_000_001)) - 1_000_000)
            case 3: return .string(text(&c))
            case 4: return .array((0..<c.next(3)).map { _ in value(&c, depth: depth + 1) })
            default:
                return .object(
                    Dictionary(
                        (0..<c.next(4)).map { _ in (detailKeys[c.next(detailKeys.count)], value(&c, depth: depth + 1)) }
                    ) {
                        first, _ in first
                    })
            }
        }
        var event = AuditEvent(
            time: "2026-12-06T16:30:00.123Z", requestID: text(&c), user: optional(&c), role: optional(&c),
            action: text(&c), method: ["GET", "POST"][c.next(2)], path: text(&c), person: optional(&c),
            query: optional(&c), observation: c.chance(50) ? value(&c) : nil, stage: optional(&c),
            flags: c.chance(50) ? (0..<c.next(3)).map { _ in text(&c) } : nil, status: 100 + c.next(500),
            rulesVersion: optional(&c), client: text(&c), suppressed: c.chance(30) ? c.next(60) : nil)
        for _ in 0..<c.next(5) { event.details[detailKeys[c.next(detailKeys.count)]] = value(&c) }
        return event
    }

    /// The record as a map: the fields, `suppressed` when any, the details where they name no
    /// field, then the chain's own three.
    static func plainRecord(_ event: AuditEvent, instance: String, seq: Int64, prev: String) -> String {
        var members: [String: CanonicalJSON] = [
            "time": .string(event.time), "request_id": .string(event.requestID), "user": .string(event.user),
            "role": .string(event.role), "action": .string(event.action), "method": .string(event.method),
            "path": .string(event.path), "person": .string(event.person), "query": .string(event.query),
            "observation": event.observation ?? .null, "stage": .string(event.stage),
            "flags": event.flags.map(CanonicalJSON.strings) ?? .null, "status": .integer(Int64(event.status)),
            "rules_version": .string(event.rulesVersion), "client": .string(event.client),
        ]
        if let suppressed = event.suppressed { members["suppressed"] = .integer(Int64(suppressed)) }
        members.merge(event.details) { own, _ in own }
        members["instance"] = .string(instance)
        members["seq"] = .integer(seq)
        members["prev"] = .string(prev)
        return CanonicalJSON.object(members).text
    }

    @Test("written from the fields, the record equals the canonical JSON of its members as a map")
    func recordIsCanonical() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 10...80)) { choices in
            let event = Self.event(choices)
            let prev = String(repeating: "0a", count: 32)
            #expect(
                event.record(instance: "i-1", seq: 42, prev: prev)
                    == Self.plainRecord(event, instance: "i-1", seq: 42, prev: prev))
        }
    }

    @Test("keys are ordered by UTF-16 code units, ASCII or not")
    func keysInUTF16Order() {
        let object = CanonicalJSON.object([
            "\u{FB01}": .integer(1), "\u{1F600}": .integer(2), "z": .integer(3), "é": .integer(4),
        ])
        // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 in UTF-16 (not in UTF-8).
        #expect(object.text == #"{"z":3,"é":4,"😀":2,"ﬁ":1}"#)
    }
}
