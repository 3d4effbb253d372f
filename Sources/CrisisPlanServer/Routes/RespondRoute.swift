import CrisisPlan
import HTTPTypes
import Hummingbird
import Metrics
import Foundation
import NIOCore

/// `POST /v1/people/{id}/respond`: the §6 answer for a §5 observations document in JSON,
/// byte for byte what `crisisplan respond ID --observations - --json` prints for the same
/// body, the body named `<request>` (SPEC v2 §9).
struct RespondRoute {
    static let bodyLimit = FileReader.limit
    let store: LibraryStore

    func register(on router: Router<ServerContext>) {
        router.post("/v1/people/:id/respond") { request, context in
            guard let library = store.library else { throw APIError.noLibrary }
            let person = try PeopleRoutes.person(in: library, context: context)
            if let type = request.headers[.contentType], !Self.isJSON(type) { throw APIError.notJSON }
            // Refused before it is read when the length says so; otherwise read to the limit only.
            if let length = request.headers[.contentLength].flatMap(Int.init), length > Self.bodyLimit {
                throw APIError.tooLarge(limit: Self.bodyLimit)
            }
            var request = request
            let body = try await request.collectBody(upTo: Self.bodyLimit)
            let at = try request.uri.queryParameters.get("at").map(Self.time)
            let answer: Answer
            do throws(BadInput) {
                answer = try Self.answer(
                    SourceFile(path: "<request>", bytes: Array(body.readableBytesView)), person: person,
                    typed: PeopleRoutes.typedPerson(context), at: at, context: context)
            } catch {
                throw APIError.badInput(error)
            }
            return JSONResponse.make(AnswerJSON.render(answer) + "\n", headers: [.rulesVersion: library.version])
        }
    }

    /// The answer for an observations document, as the API and the answer page both give it:
    /// counted for `/metrics`, noted for the audit record, and from a plan whose latest edit
    /// failed its checks, marked so.
    static func answer(_ source: SourceFile, person: ServedPerson, typed: String, at: Timestamp?, context: ServerContext)
        throws(BadInput) -> Answer
    {
        let observations = try ObservationRequest(source: source)
        context.audit.update { $0.observation = ObservationSummary.json(observations.timeline) }
        let now = observations.now(at: at, clock: Timestamp.now())
        let answer = try observations.answer(for: typed, plan: person.plan, evaluator: person.evaluator, now: now)
        count(answer)
        context.audit.update { note in
            note.stage = answer.stage.id
            note.flags = answer.flags.map(\.id)
        }
        return person.stale.map { withUncheckedEdits(answer, $0, person: person) } ?? answer
    }

    /// `application/json`, or any `+json` type, with or without parameters.
    static func isJSON(_ type: String) -> Bool {
        let essence = (type.split(separator: ";", maxSplits: 1).first ?? "").lowercased()
            .filter { $0 != " " && $0 != "\t" }
        return essence == "application/json" || (essence.hasPrefix("application/") && essence.hasSuffix("+json"))
    }

    static func time(_ typed: String) throws -> Timestamp {
        guard let time = Timestamp(parsing: typed) else {
            throw APIError(
                status: .badRequest, code: "bad-input",
                message: "error: at (--at on the command line) takes a time with a zone, like 2026-11-24T10:30:00Z; found '\(typed)'",
                source: nil)
        }
        return time
    }

    /// An answer from a plan whose latest edit failed its checks says so (SPEC v2 §9).
    static func withUncheckedEdits(_ answer: Answer, _ stale: StalePlan, person: ServedPerson) -> Answer {
        var answer = answer
        // A warning about the plan comes first among the warnings (SPEC §6: plan, then
        // observations, then evaluation), pointing at the plan's `person:` as plan warnings do.
        answer.warnings.insert(
            AnswerWarning(
                code: .planHasUncheckedEdits,
                message:
                    "the plan's latest edit failed its checks (\(stale.errors.count) error\(stale.errors.count == 1 ? "" : "s") since \(stale.since)); this answer comes from the version that passed at \(person.loadedAt)",
                source: person.plan.person.source.pathAndLine),
            at: 0)
        return answer
    }

    /// Answers by stage and by flag, for `/metrics`.
    static func count(_ answer: Answer) {
        Counter(label: "crisisplan_answers_total", dimensions: [("stage", answer.stage.id)]).increment()
        for flag in answer.flags {
            Counter(label: "crisisplan_answer_flags_total", dimensions: [("flag", flag.id)]).increment()
        }
    }
}
