import CrisisPlan
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
        let observations = (0..<c.next(4)).map { _ in
            Observation(
                at: Timestamp(seconds: 0),
                signs: (0..<c.next(4)).map { _ in SourcedText(text: text(&c), source: here) },
                resolved: (0..<c.next(3)).map { _ in SourcedText(text: text(&c), source: here) },
                facts: (0..<c.next(4)).map { _ in
                    ObservedFact(fact: text(&c), value: text(&c), factSource: here, valueSource: here)
                },
                capacity: (0..<c.next(3)).map { _ in
                    CapacityAssessment(
                        decision: text(&c), status: c.chance(50) ? .lacks : .has, assessedAt: Timestamp(seconds: 0),
                        source: here)
                },
                source: here)
        }
        return ObservationTimeline(observations: observations)
    }

    /// The summary as a tree of maps, bounded afterwards: how it was first defined.
    static func plainSummary(_ timeline: ObservationTimeline) -> String {
        let all = timeline.observations
        let tree = CanonicalJSON.object([
            "signs": .array(all.flatMap(\.signs).map { .string($0.text) }),
            "resolved": .array(all.flatMap(\.resolved).map { .string($0.text) }),
            "facts": .array(
                all.flatMap(\.facts).map { .object(["fact": .string($0.fact), "value": .string($0.value)]) }),
            "capacity": .array(
                all.flatMap(\.capacity).map {
                    .object(["decision": .string($0.decision), "status": .string($0.status.rawValue)])
                }),
        ])
        return tree.bounded.text
    }

    @Test("written straight, the summary equals the bounded canonical JSON of its tree")
    func summaryIsCanonical() async {
        await propertyCheck(count: 2_000, input: Gen.int(in: 0...1_000_000).array(of: 0...80)) { choices in
            let timeline = Self.timeline(choices)
            #expect(ObservationSummary.json(timeline).text == Self.plainSummary(timeline))
        }
    }
}
