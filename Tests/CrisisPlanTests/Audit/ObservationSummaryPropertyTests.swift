@testable import CrisisPlan
import PropertyBased
import Testing

@testable import CrisisPlanServer

/// Every audited answer records the observations it was given, written straight in canonical
/// form. Those bytes are hashed into the chain, so they must be exactly the canonical JSON of
/// the summary as a tree of maps with every text bounded — checked over generated timelines.
@Suite("An audit record's observations are the canonical JSON of the summary")
struct ObservationSummaryPropertyTests {
    static let texts = [
        "", "s20", "cant sleep", "Alex O'Neill", "\"quoted\"\n\t", "é\u{301}", "\u{1F600}", "\u{0}\u{1F}",
        String(repeating: "long ", count: 60), String(repeating: "é", count: 200),
    ]

    static func timeline(_ choices: [Int]) -> ObservationTimeline {
        var c = ChoiceStream(choices)
        let here = SourceLocation(file: "<request>", line: 1)
        let text = { (c: inout ChoiceStream) in texts[c.next(texts.count)] }
        // Now and then a long list, so that some timelines pass the summary's limit.
        let many = { (c: inout ChoiceStream, few: Int) in c.chance(10) ? 30 + c.next(60) : c.next(few) }
        let observations = (0..<c.next(4)).map { _ in
            var observation = Observation(
                at: Timestamp(seconds: 0),
                signs: (0..<many(&c, 4)).map { _ in SourcedText(text: text(&c), source: here) },
                resolved: (0..<many(&c, 3)).map { _ in SourcedText(text: text(&c), source: here) },
                facts: (0..<many(&c, 4)).map { _ in
                    ObservedFact(fact: text(&c), value: text(&c), factSource: here, valueSource: here)
                },
                capacity: (0..<many(&c, 3)).map { _ in
                    CapacityAssessment(
                        decision: text(&c), status: c.chance(50) ? .lacks : .has, assessedAt: Timestamp(seconds: 0),
                        source: here)
                },
                source: here)
            // Now and then a reinstatement: who was put back, by whom and why.
            if c.chance(20) {
                observation.reinstated = (0..<(1 + c.next(2))).map { _ in
                    Reinstatement(contact: text(&c), by: text(&c), reason: text(&c), source: here)
                }
            }
            return observation
        }
        return ObservationTimeline(observations: observations)
    }

    /// The summary as a tree of maps, bounded afterwards: how it was first defined, with each
    /// list cut to its first 100 entries and how many more counted under `omitted`.
    static func plainSummary(_ timeline: ObservationTimeline) -> String {
        let all = timeline.observations
        var lists: [String: [CanonicalJSON]] = [
            "signs": all.flatMap(\.signs).map { .string($0.text) },
            "resolved": all.flatMap(\.resolved).map { .string($0.text) },
            "facts": all.flatMap(\.facts).map { .object(["fact": .string($0.fact), "value": .string($0.value)]) },
            "capacity": all.flatMap(\.capacity).map {
                .object(["decision": .string($0.decision), "status": .string($0.status.rawValue)])
            },
        ]
        let omitted = lists.filter { $0.value.count > 100 }.mapValues { CanonicalJSON.integer(Int64($0.count - 100)) }
        lists = lists.mapValues { Array($0.prefix(100)) }
        var tree = lists.mapValues { CanonicalJSON.array($0) }
        if !omitted.isEmpty { tree["omitted"] = .object(omitted) }
        let reinstated = all.flatMap(\.reinstated).prefix(100).map {
            CanonicalJSON.object(["contact": .string($0.contact), "by": .string($0.by), "reason": .string($0.reason)])
        }
        if !reinstated.isEmpty { tree["reinstated"] = .array(Array(reinstated)) }
        return CanonicalJSON.object(tree).bounded.text
    }

    @Test("written straight, the summary equals the bounded canonical JSON of its tree, at most 100 of each list")
    func summaryIsCanonical() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 0...80)) { choices in
            let timeline = Self.timeline(choices)
            #expect(ObservationSummary.json(timeline).text == Self.plainSummary(timeline))
        }
    }
}
