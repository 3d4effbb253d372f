import Foundation

@testable import CrisisPlan

/// Every step of every shipped scenario about a person in `Rules/`, as the observations
/// document of the timeline up to that step — what the trust's systems would send.
enum ScenarioTimelines {
    struct Step {
        var file: String
        var person: String
        var document: String
    }

    static func all() throws -> [Step] {
        let directory = RulesDirectory(PackageRoot.path + "/Rules")
        guard let policy = RulesLoader.loadPolicy(directory).policy else { return [] }
        let suite = ScenarioSuite(
            files: try ScenarioSuite.files(at: [PackageRoot.path + "/Scenarios"]), rules: directory, policy: policy,
            today: nil)
        var steps: [Step] = []
        for scenario in suite.cases.map(\.scenario) where scenario.plan == nil {
            guard let person = scenario.person else { continue }
            var timeline: [Observation] = []
            for (index, step) in scenario.steps.enumerated() {
                timeline.append(step.observation)
                steps.append(
                    Step(
                        file: scenario.file, person: person,
                        document: document(person: index % 2 == 0 ? person : nil, timeline)))
            }
        }
        return steps
    }

    /// An observations document in JSON.
    static func document(person: String?, _ observations: [Observation]) -> String {
        var json = JSONWriter()
        json.beginObject()
        if let person { json.field("person", person) }
        json.key("observations")
        json.beginArray()
        for observation in observations {
            json.beginObject()
            json.field("at", observation.at.description)
            if !observation.signs.isEmpty { json.field("signs", observation.signs.map(\.text)) }
            if !observation.resolved.isEmpty { json.field("resolved", observation.resolved.map(\.text)) }
            if !observation.facts.isEmpty {
                json.key("facts")
                json.beginObject()
                for fact in observation.facts {
                    if fact.value == "true" || fact.value == "false" {
                        json.field(fact.fact, fact.value == "true")
                    } else {
                        json.field(fact.fact, fact.value)
                    }
                }
                json.endObject()
            }
            if !observation.capacity.isEmpty {
                json.key("capacity")
                json.beginArray()
                for assessment in observation.capacity {
                    json.beginObject()
                    json.field("decision", assessment.decision)
                    json.field("status", assessment.status.rawValue)
                    json.field("assessed_at", assessment.assessedAt.description)
                    json.endObject()
                }
                json.endArray()
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.text
    }
}
