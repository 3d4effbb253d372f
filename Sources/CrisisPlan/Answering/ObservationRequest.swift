/// One request for an answer: an observations document (or none), then the person's answer.
///
/// `crisisplan respond` and the service's `POST /v1/people/{id}/respond` both go through
/// here, so the same body gives the same bytes and the same errors (SPEC v2 §9) — the only
/// difference being the name of the input, `<stdin>` or `<request>`.
public struct ObservationRequest: Sendable {
    public var timeline: ObservationTimeline
    public var source: SourceFile?

    /// Reads the document; malformed input is bad input naming every problem.
    public init(source: SourceFile?) throws(BadInput) {
        self.source = source
        guard let source else {
            timeline = ObservationTimeline()
            return
        }
        do {
            timeline = try ObservationDecoder.decode(source)
        } catch {
            throw BadInput(error.diagnostics, sources: [source])
        }
    }

    /// The evaluation time: the `at` asked for, else the document's, else its last
    /// observation's, else the clock (SPEC §5).
    public func now(at: Timestamp?, clock: Timestamp) -> Timestamp {
        timeline.now(override: at, clock: clock)
    }

    /// The answer for `typed` (the person as asked for), whose plan is `plan`.
    public func answer(
        for typed: String, plan: Plan, evaluator: Evaluator, adding extra: Observation? = nil, now: Timestamp
    ) throws(BadInput) -> Answer {
        if let named = timeline.person, !plan.person.isNamed(by: named) {
            var mismatch = BadInput(
                "error: the observations are for '\(named)', not '\(typed)'"
                    + (timeline.personSource.map { " (\($0.pathLineColumn))" } ?? ""))
            mismatch.source = timeline.personSource?.pathLineColumn
            throw mismatch
        }
        var all = timeline.observations
        if let extra { all.append(extra) }
        do {
            return try evaluator.evaluate(all, now: now)
        } catch {
            throw BadInput(error.diagnostics, sources: source.map { [$0] } ?? [])
        }
    }
}
