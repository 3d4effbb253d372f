import Foundation
import Synchronization
import Testing

/// SPEC v2 §9 "Reload": a bad edit never takes a plan away from a crisis worker, and never
/// fails a request; the last good version is served and reported until the file is fixed.
@Suite("crisisplan serve reloads safely", .serialized)
struct ServeReloadTests {
    /// A copy of the shipped library in a fresh folder, to edit.
    static func copyOfLibrary() throws -> String {
        let root = NSTemporaryDirectory() + "crisisplan-reload-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: root + "/Rules")
        return root + "/Rules"
    }

    static let body = #"{"observations":[{"at":"2026-11-24T10:00:00Z","signs":["not sleeping"]}]}"#

    /// Polls until `condition` holds (at most 10 s): the watcher waits for quiet first.
    static func eventually(_ condition: () throws -> Bool) throws -> Bool {
        for _ in 0..<100 {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test("a plan edited badly under load: no request fails, the last good version is served and reported, then fixed")
    func badEditUnderLoad() throws {
        let rules = try Self.copyOfLibrary()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        let server = try ServerProcess(rules: rules)
        defer { server.stop() }
        let good = try String(contentsOfFile: rules + "/people/sam.yaml", encoding: .utf8)

        // Requests run the whole time, from another thread.
        let running = Atomic<Bool>(true)
        let failures = Mutex<[String]>([])
        let sent = Atomic<Int>(0)
        let load = Thread {
            while running.load(ordering: .relaxed) {
                do {
                    let reply = try server.post("/v1/people/sam/respond?at=2026-11-24T10:30:00Z", json: Self.body)
                    if reply.status != 200 { failures.withLock { $0.append("\(reply.status) \(reply.body)") } }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
                sent.add(1, ordering: .relaxed)
            }
        }
        load.start()
        defer { running.store(false, ordering: .relaxed) }

        try (good + "\nearly_warning_signs: oops\n").write(toFile: rules + "/people/sam.yaml", atomically: true, encoding: .utf8)
        #expect(try Self.eventually { try server.get("/v1/admin/status").body.contains(#""stale_plans":[{"id":"sam","errors":["#) })
        // The open readiness route counts stale plans and never names them or quotes their text.
        let ready = try server.get("/readyz", as: nil).body
        #expect(ready.contains(#""stale_plans":1}"#))
        #expect(!ready.contains("sam") && !ready.contains("oops"))
        let stale = try server.post("/v1/people/sam/respond?at=2026-11-24T10:30:00Z", json: Self.body)
        #expect(stale.status == 200)
        #expect(stale.body.contains(#""warnings":[{"code":"plan-has-unchecked-edits","message":"the plan's latest edit failed its checks"#))
        #expect(stale.body.contains(#"this answer comes from the version that passed at "#))
        #expect(try server.get("/v1/admin/status").body.contains(#""served":true,"reason":"check-failed"}]"#))

        try good.write(toFile: rules + "/people/sam.yaml", atomically: true, encoding: .utf8)
        #expect(try Self.eventually { try server.get("/v1/admin/status").body.contains(#""stale_plans":[]"#) })
        #expect(try server.get("/readyz", as: nil).body.contains(#""stale_plans":0}"#))
        let fixed = try server.post("/v1/people/sam/respond?at=2026-11-24T10:30:00Z", json: Self.body)
        #expect(!fixed.body.contains("plan-has-unchecked-edits"))

        running.store(false, ordering: .relaxed)
        while load.isExecuting { Thread.sleep(forTimeInterval: 0.05) }
        #expect(failures.withLock { $0 }.isEmpty)
        #expect(sent.load(ordering: .relaxed) > 10)
    }

    @Test("SIGHUP and POST reload: new people served, broken new people not, a bad policy keeps the library, deleted plans go")
    func reloadRules() throws {
        let rules = try Self.copyOfLibrary()
        defer { try? FileManager.default.removeItem(atPath: (rules as NSString).deletingLastPathComponent) }
        let server = try ServerProcess(rules: rules, arguments: ["--no-watch"])
        defer { server.stop() }
        let version = try #require(try server.get("/readyz").header("X-Rules-Version"))
        let sam = try String(contentsOfFile: rules + "/people/sam.yaml", encoding: .utf8)

        // A new person, by SIGHUP.
        try sam.replacingOccurrences(of: "id: sam\n", with: "id: sam-two\n")
            .write(toFile: rules + "/people/sam-two.yaml", atomically: true, encoding: .utf8)
        server.signal(SIGHUP)
        #expect(try Self.eventually { try server.get("/v1/people/sam-two").status == 200 })

        // A new person whose file has errors is not served, and is listed.
        try "person: {id: lee}\n".write(toFile: rules + "/people/lee.yaml", atomically: true, encoding: .utf8)
        let reload = try server.post("/v1/admin/reload")
        #expect(reload.status == 200)
        #expect(reload.body.contains(#"{"id":"lee","errors":["#))
        #expect(reload.body.contains(#""served":false,"reason":"check-failed"}"#))
        let lee = try server.get("/v1/people/lee")
        #expect(lee.status == 404)
        #expect(lee.body.contains("error: the plan for 'lee' has errors and is not served"))

        // A stale plan stays served through a change of policy that its served version passes.
        try (sam + "\nearly_warning_signs: oops\n").write(toFile: rules + "/people/sam.yaml", atomically: true, encoding: .utf8)
        #expect(try server.post("/v1/admin/reload").body.contains(#"{"id":"sam","errors":["#))
        let language = rules + "/policy/90-language.yaml"
        let words = try String(contentsOfFile: language, encoding: .utf8)
        try (words + "\n# reviewed\n").write(toFile: language, atomically: true, encoding: .utf8)
        let afterPolicy = try server.post("/v1/admin/reload")
        #expect(afterPolicy.status == 200)
        #expect(afterPolicy.body.contains(#""served":true"#))
        #expect(
            try server.post("/v1/people/sam/respond", json: Self.body).body.contains(#""code":"plan-has-unchecked-edits""#))
        try sam.write(toFile: rules + "/people/sam.yaml", atomically: true, encoding: .utf8)

        // A policy change reaches the plans whose files did not change (their reading and
        // preparation are kept, the policy's part is built anew): the new stage label shows,
        // and Dee's do-not-contact screen still holds.
        let stagesFile = rules + "/policy/00-stages.yaml"
        let stages = try String(contentsOfFile: stagesFile, encoding: .utf8)
        try stages.replacingOccurrences(of: "label: Early warning signs", with: "label: Early signs, as agreed")
            .write(toFile: stagesFile, atomically: true, encoding: .utf8)
        #expect(try server.post("/v1/admin/reload").status == 200)
        let relabelled = try server.post("/v1/people/sam/respond", json: Self.body)
        #expect(relabelled.status == 200)
        #expect(relabelled.body.contains(#""label":"Early signs, as agreed""#))
        let dee = try server.get("/v1/people/dee")
        #expect(dee.status == 200 && dee.body.contains("do_not_contact"))
        try stages.write(toFile: stagesFile, atomically: true, encoding: .utf8)
        #expect(try server.post("/v1/admin/reload").status == 200)
        #expect(try server.post("/v1/people/sam/respond", json: Self.body).body.contains(#""label":"Early warning signs""#))

        // A policy with an error: 422, and the library before it still served.
        let before = try #require(try server.get("/readyz").header("X-Rules-Version"))
        #expect(before != version)
        let policy = rules + "/policy/10-facts.yaml"
        let facts = try String(contentsOfFile: policy, encoding: .utf8)
        try (facts + "\nfacts_typo: 1\n").write(toFile: policy, atomically: true, encoding: .utf8)
        let refused = try server.post("/v1/admin/reload")
        #expect(refused.status == 422)
        #expect(refused.body.contains(#""code":"library-refused""#))
        #expect(refused.body.contains("10-facts.yaml"))
        #expect(try server.get("/readyz").header("X-Rules-Version") == before)
        #expect(try server.post("/v1/people/sam-two/respond", json: Self.body).status == 200)
        try facts.write(toFile: policy, atomically: true, encoding: .utf8)

        // A policy under which plans being served, their files unchanged, would fail: refused too.
        // Every flag that adds the 24-hour line gets another number: Kit's plan lists the line
        // under the same id with the old one.
        var changed: [(String, String)] = []
        for file in ["/policy/25-24-hour-line.yaml", "/policy/60-emergency.yaml"] {
            let text = try String(contentsOfFile: rules + file, encoding: .utf8)
            changed.append((rules + file, text))
            try text.replacingOccurrences(of: "0300 555 0111", with: "0300 555 0112")
                .write(toFile: rules + file, atomically: true, encoding: .utf8)
        }
        let breaksPlans = try server.post("/v1/admin/reload")
        #expect(breaksPlans.status == 422)
        #expect(breaksPlans.body.contains("the new policy makes plans that are served now fail their checks"))
        #expect(breaksPlans.body.contains("/people/kit.yaml:"))
        #expect(try server.get("/readyz").header("X-Rules-Version") == before)
        for (path, text) in changed { try text.write(toFile: path, atomically: true, encoding: .utf8) }

        // A deleted plan removes the person.
        try FileManager.default.removeItem(atPath: rules + "/people/sam-two.yaml")
        #expect(try server.post("/v1/admin/reload").status == 200)
        #expect(try server.get("/v1/people/sam-two").status == 404)
    }
}
