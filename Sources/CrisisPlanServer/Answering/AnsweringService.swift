import CrisisPlan
import Foundation
import Hummingbird
import Metrics

/// Finding a person and answering for them, as the API and the pages both do: one place that
/// looks the person up, reads the observations, evaluates, counts the answer for `/metrics`
/// and tells the audit record what it served.
struct AnsweringService: Sendable {
    /// A person id or name longer than this is refused as any unknown one is (404).
    static let personLimit = 128
    let store: LibraryStore

    /// The library being served, or 503.
    func library() throws -> ServedLibrary {
        guard let library = store.library else { throw APIError.noLibrary }
        return library
    }

    /// The person of the path's `{id}`, found as PERSON is on the command line (the id in any
    /// case, or the name); 404 with the closest ids.
    func person(in library: ServedLibrary, context: ServerContext) throws -> ServedPerson {
        let typed = Self.typedPerson(context)
        guard typed.utf8.count <= Self.personLimit else {
            throw APIError.unknownPerson(BadInput("error: unknown person: an id or name is at most \(Self.personLimit) bytes"))
        }
        do {
            let person = try library.person(typed)
            context.audit.update { note in
                note.person = person.id
                note.rulesVersion = library.version
            }
            return person
        } catch {
            throw APIError.unknownPerson(error)
        }
    }

    /// The `{id}` as typed: a name may come with spaces, percent-encoded.
    static func typedPerson(_ context: ServerContext) -> String {
        let raw = context.parameters.get("id") ?? ""
        guard raw.utf8.contains(UInt8(ascii: "%")) else { return raw }
        return raw.removingPercentEncoding ?? raw
    }

    /// The answer for an observations document and, after it, one more observation (the
    /// page's form): noted for the audit record, counted, and from a plan whose latest edit is
    /// not served, marked so.
    func answer(
        _ source: SourceFile?, adding extra: Observation? = nil, person: ServedPerson, at: Timestamp?,
        context: ServerContext
    ) throws(BadInput) -> Answer {
        let observations = try ObservationRequest(source: source)
        var timeline = observations.timeline
        if let extra { timeline.observations.append(extra) }
        context.audit.update { $0.observation = ObservationSummary.json(timeline) }
        let now = observations.now(at: at ?? extra?.at, clock: Timestamp.now())
        let answer = try observations.answer(
            for: person.id, plan: person.plan, evaluator: person.evaluator, adding: extra, now: now)
        Self.count(answer)
        context.audit.update { note in
            note.stage = answer.stage.id
            note.flags = answer.flags.map(\.id)
        }
        return person.stale.map { Self.withUncheckedEdits(answer, $0, person: person) } ?? answer
    }

    /// An answer from a plan whose latest edit failed its checks says so.
    static func withUncheckedEdits(_ answer: Answer, _ stale: StalePlan, person: ServedPerson) -> Answer {
        var answer = answer
        // A warning about the plan comes first among the warnings (plan, then observations,
        // then evaluation), pointing at the plan's `person:` as plan warnings do.
        answer.warnings.insert(
            AnswerWarning(
                code: .planHasUncheckedEdits,
                message: (stale.reason == .doNotContactRemoved
                    ? "the plan's latest edit removes someone from do-not-contact and waits for an admin to confirm it (since \(stale.since))"
                    : "the plan's latest edit failed its checks (\(stale.errors.count) error\(stale.errors.count == 1 ? "" : "s") since \(stale.since))")
                    + "; this answer comes from the version that passed at \(person.loadedAt)",
                source: person.plan.person.source.pathAndLine),
            at: 0)
        return answer
    }

    /// Answers by stage and by flag, for `/metrics`.
    static func count(_ answer: Answer) {
        stageCounters[answer.stage.id].increment()
        for flag in answer.flags { flagCounters[flag.id].increment() }
    }

    static let stageCounters = MetricsByValue { Counter(label: "crisisplan_answers_total", dimensions: [("stage", $0)]) }
    static let flagCounters = MetricsByValue { Counter(label: "crisisplan_answer_flags_total", dimensions: [("flag", $0)]) }
}
