import ArgumentParser
import CrisisPlan
import Foundation

/// `crisisplan respond PERSON`: the person's own agreed responses first, overrides beside them.
struct RespondCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "respond",
        abstract: "The answer for one person now: their own agreed responses first.")

    @Argument(help: "The person's id (the plan's file name without .yaml).")
    var person: String

    @Option(name: .long, help: ArgumentHelp("An observed sign: an id, or words matching it.", valueName: "S"))
    var sign: [String] = []

    @Option(name: .long, help: ArgumentHelp("An observed fact, name=value (the facts are listed below).", valueName: "k=v"))
    var fact: [String] = []

    @Option(name: .long, help: ArgumentHelp("A capacity assessment made now.", valueName: "DECISION=lacks|has"))
    var capacity: [String] = []

    @Option(name: .long, help: ArgumentHelp("Evaluate as of this time (RFC 3339).", valueName: "TIME"))
    var at: String?

    @Option(
        name: .long, help: ArgumentHelp("A timeline of observations, YAML or JSON; - for stdin.", valueName: "FILE"))
    var observations: String?

    @ArgumentParser.Flag(name: .long, help: "Print the answer as JSON.")
    var json = false

    @ArgumentParser.Flag(name: .long, help: "Never page the text through $CRISISPLAN_PAGER, $PAGER or less.")
    var noPager = false

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.directory()
        do {
            let request = try ObservationRequest(source: try observations.map(ObservationInput.read))
            let now = request.now(at: try at.map(Clock.parse), clock: try Clock.now(nil))
            let (policy, plan) = try PersonLoader.load(rules, person: person, today: now.utcDate)
            let extra = try CommandLineObservation.make(signs: sign, facts: fact, capacity: capacity, at: now)
            let answer = try request.answer(
                for: person, plan: plan, evaluator: Evaluator(policy: policy, plan: plan), adding: extra, now: now)
            if json {
                print(AnswerJSON.render(answer))
            } else {
                Pager.print(AnswerText(color: Terminal.wantsColor).render(answer), allowed: !noPager)
            }
        } catch let error as BadInput {
            throw UsageFailure(message: error.message)
        }
    }
}
