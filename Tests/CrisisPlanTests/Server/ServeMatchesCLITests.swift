import Foundation
import Testing

@testable import CrisisPlan

/// SPEC v2 §9: `POST /v1/people/{id}/respond` returns what `crisisplan respond ID
/// --observations - --json` prints for the same body, byte for byte — the body named
/// `<request>` where the command line says `<stdin>` — and its errors carry the same message.
@Suite("crisisplan serve answers byte for byte as crisisplan respond does", .serialized)
struct ServeMatchesCLITests {
    static let rules = PackageRoot.path + "/Rules"

    /// Both answers for one body: equal bytes when the command line answers, the same
    /// message (with status 400 or 404) when it refuses.
    static func compare(_ person: String, _ body: String, server: ServerProcess) throws {
        let cli = try CommandRunner.run(
            ["respond", person, "--observations", "-", "--json", "--rules", rules], stdin: body)
        let path = "/v1/people/\(person.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? person)/respond"
        let http = try server.post(path, json: body)
        if cli.status == 0 {
            #expect(http.status == 200, "\(body)")
            #expect(http.body == cli.stdout.replacingOccurrences(of: "<stdin>", with: "<request>"), "\(body)")
        } else {
            #expect(cli.status == 2)
            #expect([400, 404].contains(http.status), "\(body)")
            let reply = try JSONSerialization.jsonObject(with: Data(http.body.utf8)) as? [String: [String: Any]]
            let message = reply?["error"]?["message"] as? String
            let expected = String(cli.stderr.dropLast()).replacingOccurrences(of: "<stdin>", with: "<request>")
            #expect(message == expected, "\(body)")
        }
    }

    @Test("every step of every shipped scenario, as the timeline up to that step")
    func shippedScenarioSteps() throws {
        let server = try ServerProcess(rules: Self.rules)
        defer { server.stop() }
        let steps = try ScenarioTimelines.all()
        for step in steps { try Self.compare(step.person, step.document, server: server) }
        #expect(steps.count >= 50)
    }

    @Test("150 generated bodies: signs as written and misspelt, facts of every type, good and bad")
    func generatedObservations() throws {
        let server = try ServerProcess(rules: Self.rules)
        defer { server.stop() }
        let directory = RulesDirectory(Self.rules)
        let library = RulesLoader.loadLibrary(directory, today: nil)
        let policy = try #require(library.policy)
        var random = SplitMix64(seed: 20_261_128)
        let start = try #require(Timestamp(parsing: "2026-11-24T08:00:00Z"))
        for _ in 0..<150 {
            let plan = library.plans.randomElement(using: &random)!
            var observations: [Observation] = []
            for index in 0..<Int.random(in: 1...3, using: &random) {
                let at = Timestamp(seconds: start.seconds + Int64(index * 1800))
                let source = SourceLocation(file: "<generated>", line: 1)
                var observation = Observation(at: at, source: source)
                for _ in 0..<Int.random(in: 0...3, using: &random) {
                    let sign = plan.signs.randomElement(using: &random)!
                    let text = [sign.id, sign.says, sign.says.uppercased(), String(sign.says.dropLast()), "blue sky"]
                        .randomElement(using: &random)!
                    observation.signs.append(SourcedText(text: text, source: source))
                }
                for _ in 0..<Int.random(in: 0...2, using: &random) {
                    let fact = policy.facts.randomElement(using: &random)!
                    let value: String
                    switch fact.kind {
                    case .bool: value = Bool.random(using: &random) ? "true" : "false"
                    case .enumeration(let values): value = (values + ["maybe"]).randomElement(using: &random)!
                    case .contact:
                        value = (plan.contacts.map(\.name) + plan.contacts.map(\.id) + ["someone-else", "Nobody"])
                            .randomElement(using: &random)!
                    }
                    if !observation.facts.contains(where: { $0.fact == fact.id }) {
                        observation.facts.append(
                            ObservedFact(fact: fact.id, value: value, factSource: source, valueSource: source))
                    }
                }
                if Int.random(in: 0..<4, using: &random) == 0, let decision = policy.decisions?.randomElement(using: &random) {
                    observation.capacity.append(
                        CapacityAssessment(
                            decision: decision.id, status: CapacityStatus.allCases.randomElement(using: &random)!,
                            assessedAt: at, source: source))
                }
                observations.append(observation)
            }
            let person = [plan.person.id, plan.person.id.uppercased(), plan.person.name].randomElement(using: &random)!
            try Self.compare(person, ScenarioTimelines.document(person: nil, observations), server: server)
        }
    }
}
