import CrisisPlan

/// The person page's form as observations: one observation now, with the signs ticked, the
/// facts chosen and the capacity assessments made now — built straight into the observation
/// model, never written out as text and read back — or, when given, the document pasted in
/// instead. The answer then comes the same way as the API's, the same evaluation.
struct AnswerForm: Sendable {
    static let source = SourceLocation(file: "<form>", line: 1)
    var form: PageForm

    /// The pasted observations document, if the worker pasted one.
    var pasted: SourceFile? {
        guard let text = form.value("document"), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return nil
        }
        return SourceFile(path: "<form>", bytes: Array(text.utf8))
    }

    /// The observations before this submit, carried by the answer page.
    var history: SourceFile? {
        guard let text = form.value("history"), !text.isEmpty else { return nil }
        return SourceFile(path: "<page>", bytes: Array(text.utf8))
    }

    /// What the worker chose, as one observation at `now`. A capacity assessment the form
    /// only repeats — the status the latest assessment in `earlier` already gives that
    /// decision, pre-filled on the answer page — is not recorded again: it keeps the time it
    /// was made, so it goes stale when it should (the worker did not assess again).
    func observation(now: Timestamp, after earlier: [Observation] = []) -> Observation {
        var observation = Observation(at: now, source: Self.source)
        // The ticked signs, and what was typed in the worker's words (read as any typed sign is:
        // a sign's words, or unrecognised, with its red flags); the empty box is nothing.
        observation.signs = form.values("sign").filter { !$0.allSatisfy(\.isWhitespace) }
            .map { SourcedText(text: $0, source: Self.source) }
        for (fact, value) in form.prefixed("fact.") where !value.isEmpty {
            observation.facts.append(
                ObservedFact(fact: fact, value: value, factSource: Self.source, valueSource: Self.source))
        }
        let latest = Dictionary(earlier.flatMap(\.capacity).map { ($0.decision, $0) }) { first, second in
            second.assessedAt >= first.assessedAt ? second : first
        }
        for (decision, typed) in form.prefixed("capacity.") {
            guard let status = CapacityStatus(rawValue: typed), latest[decision]?.status != status else { continue }
            observation.capacity.append(
                CapacityAssessment(decision: decision, status: status, assessedAt: now, source: Self.source))
        }
        return observation
    }
}
