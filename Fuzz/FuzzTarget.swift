// A libFuzzer target for the YAML layer, the loaders, validation and the evaluator (issue 9).
// Compiled together with the engine's sources by Fuzz/run.sh (libFuzzer supplies `main`), so
// it reaches the internal decoders. Each input is parsed, decoded as a plan (validated against
// the shipped policy, and evaluated when complete) and as a policy, and read as an observations
// timeline for the shipped plan of Sam, whose answer is rendered as text and JSON. A crash, a
// trap or a timeout is a finding: the engine must only answer or report a located error.
import Foundation

private let shipped: (policy: Policy, plan: Plan)? = {
    let rules = RulesDirectory(ProcessInfo.processInfo.environment["CRISISPLAN_FUZZ_RULES"] ?? "Rules")
    return try? PersonLoader.load(rules, person: "sam", today: nil)
}()

private let language = shipped.map { LanguageCheck(rules: $0.policy.language) }
private let now = Timestamp(parsing: "2026-11-24T10:30:00Z")!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let source = SourceFile(path: "people/fuzz.yaml", bytes: Array(UnsafeBufferPointer(start: data, count: size)))
    let renderer = DiagnosticRenderer(sources: [source])
    var problems: [Diagnostic] = []
    if let root = try? YAMLParser.parse(source, problems: &problems) {
        let decoder = FileDecoder(file: source.path)
        if let plan = PlanFileDecoder(decoder: decoder).decode(root), let shipped {
            var validator = PlanValidator(plan: plan, policy: shipped.policy)
            validator.validate(fileStem: "fuzz", today: now.utcDate, language: language)
            _ = renderer.renderAll(decoder.diagnostics + validator.diagnostics)
            if plan.isComplete, let answer = try? Evaluator(policy: shipped.policy, plan: plan).evaluate([], now: now) {
                _ = AnswerText(color: false).render(answer)
                _ = PlanRenderer.render(PlanDocument(plan: plan, policy: shipped.policy, today: now.utcDate), as: .markdown)
            }
        }
        var policy = PolicyFileDecoder(decoder: FileDecoder(file: "policy/fuzz.yaml")).decode(root)
        policy.facts += shipped?.policy.facts ?? []
    }
    if let shipped {
        do {
            let timeline = try ObservationDecoder.decode(source)
            let answer = try Evaluator(policy: shipped.policy, plan: shipped.plan).evaluate(timeline.observations, now: now)
            _ = AnswerJSON.render(answer)
            _ = AnswerText(color: false).render(answer)
        } catch {
            _ = renderer.renderAll(error.diagnostics)
        }
    }
    return 0
}
