import ArgumentParser
import CrisisPlan

/// `crisisplan show PERSON`: the whole plan, readable, in the person's words.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "The whole plan, in the person's words: who must not be contacted first, then the plan in order.")

    @Argument(help: "The person's id (the plan's file name without .yaml).")
    var person: String

    @Option(name: .long, help: "text, markdown or html (a standalone, printable page).")
    var format: String = "text"

    @Option(
        name: .long,
        help: ArgumentHelp("Show as of this time (RFC 3339), e.g. for the overdue notice; default now.", valueName: "TIME"))
    var at: String?

    @ArgumentParser.Flag(name: .long, help: "Never page the text through $CRISISPLAN_PAGER, $PAGER or less.")
    var noPager = false

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        let rules = try rulesOptions.directory()
        guard let chosen = PlanRenderer.Format(rawValue: format) else {
            throw UsageFailure(message: "error: --format takes text, markdown or html; found '\(format)'")
        }
        let today = try Clock.now(at).utcDate
        do {
            let (policy, plan) = try PersonLoader.load(rules, person: person, today: today)
            Pager.print(
                PlanRenderer.render(PlanDocument(plan: plan, policy: policy, today: today), as: chosen),
                allowed: chosen == .text && !noPager)
        } catch {
            throw UsageFailure(message: error.message)
        }
    }
}
