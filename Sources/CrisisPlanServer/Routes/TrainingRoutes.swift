import Foundation
import CrisisPlan
import Hummingbird
import Synchronization

/// Training in the browser (SPEC v2 §9): the scenarios, played step by step with numbered
/// choices, the engine's answer and why, what the scenario teaches, and the score — as
/// `crisisplan train` plays them at a terminal. The step and the score travel in the form,
/// signed; the server keeps only which signed questions have been answered, so that going back
/// and answering again cannot score a point twice.
struct TrainingRoutes: Sendable {
    let store: LibraryStore
    let pages: PageRenderer
    let tokens: TokenService
    /// A trainee's answer posted after their session ran out, put back once they sign in.
    let replay: FormReplay
    let scenarios = ScenarioLibrary()
    let answered = AnsweredQuestions()

    @Sendable func list(_ request: Request, _ context: ServerContext) throws -> Response {
        guard let library = store.library else { throw APIError.noLibrary }
        let loaded = scenarios.scenarios(for: library)
        return pages.page(
            "training-list",
            TrainingList(
                frame: PageFrame(context.user, tokens: tokens),
                scenarios: loaded.cases.enumerated().map {
                    TrainingList.Item(number: $0.offset + 1, name: $0.element.scenario.name, person: $0.element.plan?.person.name)
                }, hasScenarios: !loaded.cases.isEmpty, leftOut: loaded.leftOut, hasLeftOut: !loaded.leftOut.isEmpty))
    }

    @Sendable func show(_ request: Request, _ context: ServerContext) throws -> Response {
        try play(context) { session, number in
            // The step and choice a trainee posted as their session ran out, back on the page.
            if let saved = replay.saved(in: request, for: context.user, tokens: tokens, now: Timestamp.now()),
                saved.path == "/training/\(number)"
            {
                let form = PageForm(urlencoded: saved.body)
                let progress = Progress(form, number: number, tokens: tokens, user: context.user)
                var response = step(
                    session, number: number, from: progress.step, progress: progress, feedback: nil, context: context,
                    chosen: Int(form.value("choice") ?? ""),
                    restored: "You were signed out before your answer was checked. It is chosen below: check it again.")
                response.headers[.setCookie] = replay.clear
                return response
            }
            let progress = Progress(PageForm(query: request), number: number, tokens: tokens, user: context.user)
            return step(session, number: number, from: progress.step, progress: progress, feedback: nil, context: context)
        }
    }

    @Sendable func choose(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await PageForm.read(request, context: context, tokens: tokens)
        return try play(context) { session, number in
            var progress = Progress(form, number: number, tokens: tokens, user: context.user)
            let index = progress.step
            guard session.scenario.steps.indices.contains(index), let answer = try? session.answer(at: index),
                let question = session.question(at: index, answer: answer)
            else {
                return step(session, number: number, from: index, progress: progress, feedback: nil, context: context)
            }
            // A choice that is not one of the numbers shown is said, never passed over.
            guard let choice = Int(form.value("choice") ?? ""), choice >= 1, question.choices.indices.contains(choice - 1) else {
                return step(
                    session, number: number, from: index, progress: progress, feedback: nil, context: context,
                    problem: "Choose one of the answers, 1 to \(question.choices.count), then check it.")
            }
            // One answer per question: the same signed question posted again (the browser's
            // back button, then another choice) is not scored again.
            if let signature = progress.signature, !answered.firstAnswer(signature) {
                return pages.message(
                    "Already answered", [
                        "This question was answered already, and scored then. Go on with Next step on the page after it, or start the scenario again."
                    ],
                    links: [
                        PageLink(href: "/training/\(number)", label: "Start this scenario again"),
                        PageLink(href: "/training", label: "All scenarios"),
                    ], frame: PageFrame(context.user, tokens: tokens), status: .conflict)
            }
            progress.asked += 1
            let right = choice - 1 == question.correct
            if right { progress.score += 1 }
            let feedback = TrainingStep.Feedback(
                right: right, chosen: "\(choice). \(question.choices[choice - 1])",
                engine: "\(question.correct + 1). \(question.choices[question.correct])", why: session.explanation(answer))
            // The observation given is the scenario's timeline up to this step.
            let timeline = ObservationTimeline(
                person: session.plan.person.id, observations: session.scenario.steps[...index].map(\.observation))
            context.audit.update { note in
                note.observation = ObservationSummary.json(timeline)
                note.stage = answer.stage.id
                note.flags = answer.flags.map(\.id)
            }
            return step(
                session, number: number, from: index + 1, progress: progress, feedback: feedback, context: context,
                shownStep: index)
        }
    }

    private func play(_ context: ServerContext, _ body: (TrainingSession, Int) throws -> Response) throws -> Response {
        guard let library = store.library else { throw APIError.noLibrary }
        let loaded = scenarios.scenarios(for: library)
        let frame = PageFrame(context.user, tokens: tokens)
        // Compared before any arithmetic: a number such as Int.min is a client's, not a page's.
        guard let number = Int(context.parameters.get("number") ?? ""), number >= 1, loaded.cases.indices.contains(number - 1),
            let plan = loaded.cases[number - 1].plan
        else {
            return pages.message(
                "No such scenario", ["There is no scenario with that number."],
                links: [PageLink(href: "/training", label: "All scenarios")], frame: frame, status: .notFound)
        }
        let scenario = loaded.cases[number - 1].scenario
        // Every training page shows a plan: whose, and under which rules, is on the record.
        context.audit.update { note in
            note.person = plan.person.id
            note.rulesVersion = library.version
        }
        return try body(TrainingSession(scenario: scenario, plan: plan, policy: loaded.policy), number)
    }

    /// A step's observation as lines to read: `Signs: …`, `Facts: harm_source: lee`, `Capacity: …`.
    static func recorded(_ observation: Observation) -> [String] {
        var lines: [String] = []
        if !observation.signs.isEmpty { lines.append("Signs: " + observation.signs.map(\.text).joined(separator: "; ")) }
        if !observation.resolved.isEmpty { lines.append("Resolved: " + observation.resolved.map(\.text).joined(separator: "; ")) }
        if !observation.facts.isEmpty {
            lines.append("Facts: " + observation.facts.map { "\(PersonPage.words($0.fact)): \($0.value)" }.joined(separator: "; "))
        }
        if !observation.capacity.isEmpty {
            lines.append(
                "Capacity: " + observation.capacity.map { "\($0.decision): \($0.status.rawValue)" }.joined(separator: "; "))
        }
        return lines
    }

    /// The first step from `index` on that asks a question — with what happened in the steps
    /// before it that ask none, so no context is lost — and any feedback on the last; the
    /// score, and what the scenario teaches, when none is left.
    private func step(
        _ session: TrainingSession, number: Int, from index: Int, progress: Progress, feedback: TrainingStep.Feedback?,
        context: ServerContext, shownStep: Int? = nil, problem: String? = nil, chosen: Int? = nil,
        restored: String? = nil
    ) -> Response {
        let steps = session.scenario.steps
        var model = TrainingStep(
            frame: PageFrame(context.user, tokens: tokens), scenario: session.scenario.name, number: number,
            stepNumber: (shownStep ?? index) + 1, stepCount: steps.count, feedback: feedback, question: nil, next: nil,
            finished: nil, score: progress.score, asked: progress.asked, run: progress.run, signature: "", problem: problem,
            restored: restored)
        var next = max(index, 0)
        var before: [String] = []
        while next < steps.count {
            if let answer = try? session.answer(at: next), let question = session.question(at: next, answer: answer) {
                // The plan's lines as a list (a screen reader reads a list as one), each once.
                let excerpt = (steps[next].answer.map { session.planExcerpt(for: $0) } ?? [])
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                // After feedback, "Next" goes on from the step after the one answered, so that
                // the steps between that ask nothing are shown above the next question.
                let resume = feedback == nil ? next : max(index, 0)
                if feedback == nil {
                    model.stepNumber = next + 1
                    model.question = TrainingStep.Question(
                        stepIndex: next, at: steps[next].observation.at.description, before: before,
                        narrative: steps[next].narrative, recorded: Self.recorded(steps[next].observation), excerpt: excerpt,
                        hasExcerpt: !excerpt.isEmpty,
                        prompt: question.prompt,
                        choices: question.choices.enumerated().map {
                            .init(number: $0.offset + 1, text: $0.element, checked: $0.offset + 1 == chosen)
                        })
                } else {
                    model.next = TrainingStep.Next(stepIndex: resume)
                }
                model.signature = Progress.sign(
                    number: number, step: resume, score: progress.score, asked: progress.asked, run: progress.run,
                    tokens: tokens, user: context.user)
                return pages.page("training-step", model, status: problem == nil ? .ok : .badRequest)
            }
            if let narrative = steps[next].narrative {
                before.append("Step \(next + 1) (\(steps[next].observation.at.description)): \(narrative)")
            }
            next += 1
        }
        model.finished = TrainingStep.Finished(
            teaches: session.scenario.teaches, hasTeaches: !session.scenario.teaches.isEmpty)
        return pages.page("training-step", model)
    }
}

/// Where a trainee is: the step and the score so far, carried by the page's forms and signed
/// (an HMAC under the token key, bound to the scenario and the trainee), so a score cannot be
/// edited in the page; a changed or missing signature starts the scenario again.
private struct Progress {
    var step = 0
    var score = 0
    var asked = 0
    /// This play of the scenario: random, made when it starts (a missing or changed signature
    /// starts it again).
    var run = Progress.newRun()
    /// The form's signature, when it was this server's for this state.
    var signature: String?

    init(_ form: PageForm, number: Int, tokens: TokenService, user: SignedInUser?) {
        guard let step = Int(form.value("step") ?? ""), let score = Int(form.value("score") ?? ""),
            let asked = Int(form.value("asked") ?? ""), let run = form.value("run"), run.utf8.count <= 64,
            let signature = form.value("signature"),
            ConstantTime.equal(
                signature,
                Self.sign(number: number, step: step, score: score, asked: asked, run: run, tokens: tokens, user: user))
        else { return }
        self.step = step
        self.score = score
        self.asked = asked
        self.run = run
        self.signature = signature
    }

    static func sign(
        number: Int, step: Int, score: Int, asked: Int, run: String, tokens: TokenService, user: SignedInUser?
    ) -> String {
        tokens.signature("training:\(user?.id ?? "")|\(number)|\(step)|\(score)|\(asked)|\(run)")
    }

    static func newRun() -> String {
        (0..<2).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
    }
}

/// The signatures of the training questions answered, so that each is scored once. Bounded:
/// past 100,000 the oldest half is forgotten (a question that old may then be answered again).
final class AnsweredQuestions: Sendable {
    static let limit = 100_000
    private let seen = Mutex<(current: Set<String>, previous: Set<String>)>(([], []))

    /// True the first time a signature is given, false after.
    func firstAnswer(_ signature: String) -> Bool {
        seen.withLock { seen in
            guard !seen.current.contains(signature), !seen.previous.contains(signature) else { return false }
            if seen.current.count >= Self.limit / 2 { seen = ([], seen.current) }
            seen.current.insert(signature)
            return true
        }
    }
}

struct TrainingList: Sendable {
    struct Item: Sendable {
        var number: Int
        var name: String
        var person: String?
    }
    var frame: PageFrame
    var scenarios: [Item]
    var hasScenarios: Bool
    /// Scenario files not offered because `check` finds errors in them.
    var leftOut: [String]
    var hasLeftOut: Bool
}

struct TrainingStep: Sendable {
    struct Feedback: Sendable {
        var right: Bool
        var chosen: String
        var engine: String
        var why: [String]
    }
    struct Choice: Sendable {
        var number: Int
        var text: String
        /// Chosen before the session ran out, put back.
        var checked = false
    }
    struct Question: Sendable {
        var stepIndex: Int
        var at: String
        /// What happened in the steps before this one that ask nothing.
        var before: [String]
        var narrative: String?
        /// What the step records — the signs, facts and assessments the answer is worked out
        /// from — so that the trainee sees what the worker knew.
        var recorded: [String]
        var excerpt: [String]
        var hasExcerpt: Bool
        var prompt: String
        var choices: [Choice]
    }
    struct Next: Sendable {
        var stepIndex: Int
    }
    struct Finished: Sendable {
        var teaches: [String]
        var hasTeaches: Bool
    }

    var frame: PageFrame
    var scenario: String
    var number: Int
    var stepNumber: Int
    var stepCount: Int
    var feedback: Feedback?
    var question: Question?
    var next: Next?
    var finished: Finished?
    var score: Int
    var asked: Int
    /// This play of the scenario: a new one each time it is started, so that playing it again
    /// gives new questions to answer, not ones already answered.
    var run: String
    /// Signs `step`, `score`, `asked` and `run` as the page's forms carry them.
    var signature: String
    /// What was wrong with the answer posted (no choice, or one not shown), said above the form.
    var problem: String?
    /// Said when a choice posted after the session ran out is put back.
    var restored: String?
}
