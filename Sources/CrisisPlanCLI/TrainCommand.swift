import ArgumentParser
import CrisisPlan
import Foundation

/// `crisisplan train [SCENARIO|DIR]`: interactive training at a terminal (answers may be
/// piped). Given a folder (default `Scenarios`), the trainee picks a scenario from a list.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Play a scenario as a trainee: read each step, choose an answer, see why.")

    @Argument(help: "A scenario file, or a folder of them to choose from (default: Scenarios/ beside the rules).")
    var scenario: String?

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.directory()
        let suite: ScenarioSuite
        do {
            suite = try ScenarioLoading.load(paths: scenario.map { [$0] } ?? [], rules: rules, today: nil)
        } catch {
            throw UsageFailure(message: error.message)
        }
        let errors = suite.diagnostics.filter { $0.severity == .error }
        let playable = suite.cases.filter { scenario in
            scenario.plan != nil && !errors.contains { $0.location.file == scenario.scenario.file }
        }
        guard !playable.isEmpty, suite.cases.count > 1 || errors.isEmpty else {
            throw UsageFailure(
                message: errors.isEmpty
                    ? "error: no scenarios in '\(scenario ?? rules.scenariosFolder)'"
                    : errors.map(DiagnosticRenderer(sources: suite.sources).render).joined(separator: "\n"))
        }
        let style = Style(color: Terminal.wantsColor)
        var chosen = playable[0]
        if suite.cases.count > 1 {
            print(style.bold("Scenarios:"))
            for (number, option) in playable.enumerated() {
                print(wrap("\(number + 1). \(option.scenario.name)", indent: "   "))
            }
            guard let choice = readChoice(count: playable.count, prompt: "Choose a scenario") else {
                throw UsageFailure(message: "error: no scenario chosen")
            }
            chosen = playable[choice]
            print("")
        }
        let loaded = chosen
        guard let plan = loaded.plan else { return }
        let session = TrainingSession(scenario: loaded.scenario, plan: plan, policy: suite.policy)
        print(style.bold(wrap(loaded.scenario.name)))
        var score = 0
        var asked = 0
        var revisit: [String] = []
        for (index, step) in loaded.scenario.steps.enumerated() {
            print("")
            print(style.bold("Step \(index + 1) of \(loaded.scenario.steps.count) — \(step.observation.at)"))
            if let narrative = step.narrative { print(wrap(narrative)) }
            let answer: Answer
            do {
                answer = try session.answer(at: index)
            } catch {
                throw UsageFailure(message: error.diagnostics.map(\.summary).joined(separator: "\n"))
            }
            guard let question = session.question(at: index, answer: answer) else { continue }
            asked += 1
            print("")
            if let kind = step.answer {
                for line in session.planExcerpt(for: kind) {
                    let lead = String(line.prefix(while: { $0 == " " }))
                    print(wrap(line, indent: lead + "     ", first: lead))
                }
                print("")
            }
            print(style.bold(wrap(question.prompt)))
            for (number, choice) in question.choices.enumerated() {
                print(wrap("\(number + 1). \(choice)", indent: "   "))
            }
            guard let choice = readChoice(count: question.choices.count, prompt: "Your answer") else {
                print("\nNo answer given; stopping here.")
                asked -= 1
                break
            }
            if choice == question.correct {
                score += 1
                print(style.green("Right."))
            } else {
                print(style.red("Not this time."))
                print(wrap("The engine's answer: \(question.choices[question.correct])", indent: "  "))
                revisit += loaded.scenario.teaches.filter { !revisit.contains($0) }
            }
            print("Why:")
            for line in session.explanation(answer) { print(wrap(line, indent: "    ", first: "  ")) }
        }
        // What the scenario teaches, once, at its end — not after every step.
        if asked > 0, !loaded.scenario.teaches.isEmpty {
            print("")
            print("What this scenario teaches:")
            for point in loaded.scenario.teaches { print(wrap("- \(point)", indent: "    ", first: "  ")) }
        }
        print("")
        if !revisit.isEmpty {
            print("To revisit:")
            for point in revisit { print(wrap("- \(point)", indent: "    ", first: "  ")) }
        }
        print("Score: \(score) of \(asked)")
    }

    /// A number from 1 to `count`, asking again on anything else; `nil` at end of input.
    private func readChoice(count: Int, prompt: String) -> Int? {
        while true {
            print("\(prompt) (1-\(count)): ", terminator: "")
            guard let line = readLine() else { return nil }
            // Piped answers are not echoed by a terminal; show them so the transcript reads.
            if isatty(STDIN_FILENO) == 0 { print(line) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let number = Int(trimmed), (1...count).contains(number) { return number - 1 }
            print("Please type a number from 1 to \(count).")
        }
    }

    private func wrap(_ text: String, indent: String = "", first: String = "") -> String {
        TextWrapper.wrap(text, first: first, rest: indent)
    }
}
