import Foundation
import HTTPTypes
import Testing

@testable import CrisisPlanServer

/// The plan where care happens: identifiers find the person, and the FHIR bundle is the same
/// bytes from the command line and the API.
@Suite("identifiers and the FHIR export")
struct ExportCommandTests {
    static let identified = LibraryFixture.plan.replacingOccurrences(
        of: "  name: Sam Taylor\n",
        with: "  name: Sam Taylor\n  identifiers:\n    - {system: https://fhir.nhs.uk/Id/nhs-number, value: 999 000 0018}\n")

    @Test("PERSON finds a plan by system|value and by a value only one person has, spaces and hyphens aside")
    func identifiers() throws {
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy, "Rules/people/sam.yaml": Self.identified,
        ])
        defer { library.remove() }
        for typed in ["https://fhir.nhs.uk/Id/nhs-number|9990000018", "999-000-0018", "9990000018"] {
            let result = try CommandRunner.run(["respond", typed, "--no-pager"], in: library.root)
            #expect(result.status == 0, "\(typed): \(result.stderr)")
            #expect(result.stdout.contains("Sam Taylor"))
        }
        let wrongSystem = try CommandRunner.run(["respond", "https://example.org/id|9990000018"], in: library.root)
        #expect(wrongSystem.status == 2)
    }

    @Test("a bare value two people have finds no one by it: a name that matches is looked at next, else the two are named")
    func sharedBareValue() throws {
        func plan(_ id: String, _ name: String, system: String?) -> String {
            LibraryFixture.plan.replacingOccurrences(of: "id: sam", with: "id: \(id)")
                .replacingOccurrences(
                    of: "  name: Sam Taylor\n",
                    with: "  name: \(name)\n" + (system.map { "  identifiers:\n    - {system: \($0), value: K9}\n" } ?? ""))
        }
        var files = [
            "Rules/policy/a.yaml": LibraryFixture.policy,
            "Rules/people/cas.yaml": plan("cas", "Cas Reed", system: "urn:example:c"),
            "Rules/people/dev.yaml": plan("dev", "Dev Reed", system: "urn:example:d"),
        ]
        var library = try TemporaryLibrary(files)
        let ambiguous = try CommandRunner.run(["respond", "K9"], in: library.root)
        library.remove()
        #expect(ambiguous.status == 2)
        #expect(ambiguous.stderr == "error: the identifier 'K9' belongs to more than one plan: cas, dev; give their id\n")
        files["Rules/people/kay.yaml"] = plan("kay", "K9", system: nil)
        library = try TemporaryLibrary(files)
        defer { library.remove() }
        let byName = try CommandRunner.run(["respond", "k9", "--json"], in: library.root)
        #expect(byName.status == 0, "\(byName.stderr)")
        #expect(byName.stdout.hasPrefix("{\"person\":\"kay\""))
        let bySystem = try CommandRunner.run(["respond", "urn:example:d|K9", "--json"], in: library.root)
        #expect(bySystem.stdout.hasPrefix("{\"person\":\"dev\""))
    }

    @Test("one identifier on two people is a check error, at the second")
    func duplicateIdentifier() throws {
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy, "Rules/people/sam.yaml": Self.identified,
            "Rules/people/zoe.yaml": Self.identified.replacingOccurrences(of: "id: sam", with: "id: zoe")
                .replacingOccurrences(of: "Sam Taylor", with: "Zoe Taylor"),
        ])
        defer { library.remove() }
        let check = try CommandRunner.run(["check"], in: library.root)
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "Rules/people/zoe.yaml:5:7: error: identifier https://fhir.nhs.uk/Id/nhs-number|999 000 0018 is also on the plan Rules/people/sam.yaml; an identifier names one person"))
        // Checked on its own, or its folder, a plan is still compared with the whole library.
        for paths in [["Rules/people/zoe.yaml"], ["Rules/people"], ["Rules", "Rules/people/zoe.yaml"]] {
            let one = try CommandRunner.run(["check", "--rules", "Rules"] + paths, in: library.root)
            #expect(one.status == 1, "\(paths)")
            #expect(one.stdout.contains("identifier https://fhir.nhs.uk/Id/nhs-number|999 000 0018 is also on the plan Rules/people/"), "\(paths): \(one.stdout)")
        }
    }

    @Test("an NHS number that fails its check digit, or is not ten digits, is a check warning at its value")
    func nhsNumberCheck() throws {
        for (typed, message) in [
            ("999 000 0019", "warning: NHS number '999 000 0019' fails its check digit; compare it with the record it came from"),
            ("999 000 001", "warning: NHS number '999 000 001' is not ten digits"),
        ] {
            let library = try TemporaryLibrary([
                "Rules/policy/a.yaml": LibraryFixture.policy,
                "Rules/people/sam.yaml": Self.identified.replacingOccurrences(of: "999 000 0018", with: typed),
            ])
            defer { library.remove() }
            let check = try CommandRunner.run(["check"], in: library.root)
            #expect(check.status == 0)
            #expect(check.stdout.contains("Rules/people/sam.yaml:5:58: " + message), "\(check.stdout)")
            // The plan is still answered; the number is not used to find the person.
            let respond = try CommandRunner.run(["respond", "sam", "--sign", "not sleeping"], in: library.root)
            #expect(respond.status == 0, "\(respond.stderr)")
            #expect(respond.stdout.contains("Walk the dog"))
            #expect(try CommandRunner.run(["respond", typed], in: library.root).status == 2)
        }
    }

    @Test("override reasons: an id and label each, or a label alone; a reason given twice is an error")
    func overrideReasons() throws {
        let library = try TemporaryLibrary([
            "Rules/policy/a.yaml": LibraryFixture.policy
                + "override_reasons:\n  - {id: busy, label: The line was busy}\n  - The person asked for something else\n  - {id: busy, label: Busy again}\n  - {id: nolabel}\n",
            "Rules/people/sam.yaml": LibraryFixture.plan,
        ])
        defer { library.remove() }
        let check = try CommandRunner.run(["check"], in: library.root)
        #expect(check.status == 1)
        #expect(
            check.stdout.contains(
                "Rules/policy/a.yaml:38:5: error: duplicate override reason id 'busy'; it is already declared at Rules/policy/a.yaml:36"))
        #expect(check.stdout.contains("Rules/policy/a.yaml:39:5: error: missing required key 'label' in override reason"))
        #expect(check.stdout.hasSuffix("2 files, 2 errors, 0 warnings\n"))
    }

    @Test("export: a FHIR Bundle, the same bytes twice, every resource citing its source; the API gives the same bytes")
    func export() async throws {
        let first = try CommandRunner.run(["export", "sam", "--format", "fhir", "--at", "2026-11-24T10:30:00Z"])
        let second = try CommandRunner.run(["export", "sam", "--format", "fhir", "--at", "2026-11-24T10:30:00Z"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any])
        #expect(bundle["resourceType"] as? String == "Bundle")
        #expect(bundle["type"] as? String == "collection")
        #expect(bundle["timestamp"] as? String == "2026-11-24T10:30:00Z")
        let resources = (bundle["entry"] as? [[String: Any]] ?? []).compactMap { $0["resource"] as? [String: Any] }
        #expect(Set(resources.compactMap { $0["resourceType"] as? String }) == ["Patient", "CarePlan", "RelatedPerson", "Consent", "Flag"])
        let contained = resources.flatMap { $0["contained"] as? [[String: Any]] ?? [] }
        #expect(!contained.isEmpty)
        for resource in resources + contained {
            #expect(((resource["meta"] as? [String: Any])?["source"] as? String)?.hasPrefix("Rules/people/sam.yaml:") == true)
        }
        // FHIR JSON has no nulls.
        #expect(!first.stdout.contains("null"))
        #expect(first.stdout.contains(#""text":"Do not contact Mark Taylor: I do not want my father told anything about my health.""#))
        let bad = try CommandRunner.run(["export", "sam", "--format", "hl7v2"])
        #expect(bad.status == 2)
        #expect(bad.stderr == "error: --format takes fhir; found 'hl7v2'\n")

        // The service here loads the library by its full path, so the CLI is asked the same way.
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        let expected = try CommandRunner.run(
            ["export", "sam", "--format", "fhir", "--at", "2026-11-24T10:30:00Z", "--rules", PackageRoot.path + "/Rules"]
        ).stdout
        try await service.run { client in
            let reply = try await client.send(.get, "/v1/people/sam/fhir?at=2026-11-24T10:30:00Z", token: token)
            #expect(reply.status == 200)
            #expect(reply.headers[.contentType] == "application/fhir+json; charset=utf-8")
            #expect(reply.body == expected)
        }
    }
}
