import Foundation
import Testing

@testable import CrisisPlan

/// A legal role is read however it is spelled — case, spaces and hyphens aside — so a nearest
/// relative on the do-not-contact list is still the conflict a professional must see; a role no
/// flag of the policy consults is a `check` warning, with the role it may have meant.
@Suite("Roles as people write them")
struct RoleSpellingTests {
    static func library(role: String) throws -> TemporaryLibrary {
        try TemporaryLibrary.shipped(changing: [
            "people/sam.yaml": [("    roles: [nearest_relative]\nadvance_decisions:", "    roles: [\"\(role)\"]\nadvance_decisions:")]
        ])
    }

    @Test("a do-not-contact nearest relative written another way is still the conflict", arguments: [
        "nearest relative", "Nearest-Relative", "NEAREST_RELATIVE", " nearest  relative ", "nearest.relative", "nearest_relatives",
        "Nearest Relative (MHA s26)", "nearestrelative", "(MHA) nearest relative", "Nearest Relative, MHA", "s26 nearest relative",
    ])
    func nearestRelativeConflict(role: String) throws {
        let library = try Self.library(role: role)
        defer { library.remove() }
        let (policy, plan) = try PersonLoader.load(library.rules, person: "sam", today: nil)
        let answer = try Evaluator(policy: policy, plan: plan).evaluate(
            [try ShippedRules.observation(facts: ["mha_application=section_3"])], now: ShippedRules.now)
        #expect(answer.conflicts.contains { $0.role == "nearest_relative" && $0.name == "Mark Taylor" }, "\(answer.conflicts)")
        #expect(!answer.warnings.contains { $0.code == .roleNotRecorded })
    }

    @Test("a role no flag consults is a check warning naming the one it may be")
    func unknownRole() throws {
        let library = try Self.library(role: "nearest relatve")
        defer { library.remove() }
        let checked = try CommandRunner.run(["check", "--rules", "Rules"], in: library.root)
        #expect(
            checked.stdout.contains(
                "warning: role 'nearest_relatve' is not one the policy consults, so no flag will find Mark Taylor by it; did you mean 'nearest_relative'?"),
            "\(checked.stdout)")
    }
}
