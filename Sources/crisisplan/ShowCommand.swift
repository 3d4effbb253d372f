import ArgumentParser
import CrisisPlan

/// `crisisplan show PERSON`: the whole plan, readable, in the person's words.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The whole plan, in the person's words, in the order of the safety plan (Box 5).")

    @Argument(help: "The person's id (the plan's file name without .yaml).")
    var person: String

    @Option(name: .long, help: "text, markdown or html (a standalone, printable page).")
    var format: String = "text"

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.directory()
        guard let chosen = PlanRenderer.Format(rawValue: format) else {
            throw UsageFailure(message: "error: --format takes text, markdown or html; found '\(format)'")
        }
        do {
            let (policy, plan) = try PersonLoader.load(rules, person: person, today: nil)
            print(PlanRenderer.render(PlanDocument(plan: plan, policy: policy), as: chosen), terminator: "")
        } catch {
            throw UsageFailure(message: error.message)
        }
    }
}
