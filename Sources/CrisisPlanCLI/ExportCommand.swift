import ArgumentParser
import CrisisPlan

/// `crisisplan export PERSON --format fhir`: the plan as a FHIR R4 Bundle, for the record.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "The plan as a FHIR R4 Bundle (JSON) for an electronic record: Patient, CarePlan, contacts, consents, flags.")

    @Argument(help: "The person: their id, an identifier (system|value, or a value only they have), or their name.")
    var person: String

    @Option(name: .long, help: "fhir (the only format).")
    var format = "fhir"

    @Option(name: .long, help: ArgumentHelp("The bundle's timestamp (RFC 3339); default now.", valueName: "TIME"))
    var at: String?

    @OptionGroup var rulesOptions: RulesOptions

    func run() throws {
        guard format == "fhir" else { throw UsageFailure(message: "error: --format takes fhir; found '\(format)'") }
        let rules = try rulesOptions.directory()
        let now = try Clock.now(at)
        do {
            let (policy, plan) = try PersonLoader.load(rules, person: person, today: now.utcDate)
            let context = EvaluationContext(policy: CompiledPolicy(policy), plan: plan)
            print(FHIRBundle.json(context: context, at: now), terminator: "")
        } catch {
            throw UsageFailure(message: error.message)
        }
    }
}
