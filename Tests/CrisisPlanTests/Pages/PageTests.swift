import Foundation
import Testing

/// The pages over real sockets (SPEC v2 §9): sign-in by form, session cookies and CSRF
/// tokens, each role's pages, sizes, no script, and every page that shows a plan, an answer
/// or a training step audited.
@Suite("the pages", .serialized)
struct PageTests {
    @Test("signed out, a page sends the browser to sign in and back; the session cookie is HttpOnly and SameSite=Strict")
    func signIn() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let away = try HTTPReply.send(port: server.port, method: "GET", path: "/people?q=sam%20t")
        #expect(away.status == 303)
        #expect(away.header("Location") == "/login?next=/people?q%3Dsam%2520t")
        let form = try HTTPReply.send(port: server.port, method: "GET", path: "/login?next=/people")
        #expect(form.status == 200)
        #expect(form.header("Set-Cookie")?.contains("; HttpOnly; SameSite=Strict") == true)
        #expect(form.body.contains(#"<input type="hidden" name="next" value="/people">"#))
        // Without the form's own nonce, the sign-in is refused (login CSRF).
        let forged = try HTTPReply.send(
            port: server.port, method: "POST", path: "/login", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Array("csrf=x&user=crisis&password=correct+horse+battery".utf8))
        #expect(forged.status == 403)
        #expect(forged.header("Set-Cookie") == nil || forged.header("Set-Cookie")?.hasPrefix("crisisplan_session") == false)
        let cookie = try server.pageSession("crisis")
        let page = try server.page("/people?q=sam%20t", cookie: cookie)
        #expect(page.status == 200)
        #expect(page.body.contains(#"<a href="/people/sam">Sam Taylor</a>"#))
        #expect(!page.body.contains("<script"))
        // The cookie signs in pages only, never the API — however the path is written.
        #expect(try server.page("/v1/people?q=sam", cookie: cookie).status == 401)
        #expect(try server.page("//v1/people?q=sam", cookie: cookie).status == 401)
    }

    @Test("a wrong password shows the form again with what went wrong; the fifth failure locks the name out")
    func wrongPassword() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        func attempt(_ password: String) throws -> HTTPReply {
            let form = try HTTPReply.send(port: server.port, method: "GET", path: "/login")
            return try HTTPReply.send(
                port: server.port, method: "POST", path: "/login",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": "crisisplan_login=\(form.cookie("crisisplan_login") ?? "")",
                ], body: Array("csrf=\(form.field("csrf") ?? "")&user=crisis&password=\(password)".utf8))
        }
        let wrong = try attempt("guess")
        #expect(wrong.status == 401)
        #expect(wrong.body.contains("The user name or password is not right."))
        #expect(wrong.body.contains(#"value="crisis""#))
        for _ in 1...3 { _ = try attempt("guess") }
        // The fifth failure says the name is now locked, not only that the password was wrong.
        let fifth = try attempt("guess")
        #expect(fifth.status == 401)
        #expect(fifth.body.contains("this user is now locked out on this device for 15 minutes"), "\(fifth.body)")
        let locked = try attempt("correct+horse+battery")
        #expect(locked.status == 429)
        #expect(locked.body.contains("Too many failed sign-ins"))
    }

    @Test("the sign-in form's token is one this server signed: a cookie and field planted alike by someone else sign no one in")
    func plantedLoginToken() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let form = try HTTPReply.send(port: server.port, method: "GET", path: "/login")
        let issued = try #require(form.field("csrf"))
        #expect(issued.contains("."))
        for planted in ["AAAAAAAAAAAAAAAAAAAA", String(repeating: "a", count: 32) + "." + String(repeating: "0", count: 64), issued + "x"] {
            let reply = try HTTPReply.send(
                port: server.port, method: "POST", path: "/login",
                headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "crisisplan_login=\(planted)"],
                body: Array("csrf=\(planted)&user=crisis&password=correct+horse+battery".utf8))
            #expect(reply.status == 403, "\(planted)")
            #expect(reply.header("Set-Cookie")?.contains("crisisplan_session=") != true)
        }
        // A real pair, posted from another site (or a sibling one), signs no one in either.
        for site in ["cross-site", "same-site"] {
            let reply = try HTTPReply.send(
                port: server.port, method: "POST", path: "/login",
                headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": "crisisplan_login=\(issued)",
                    "Sec-Fetch-Site": site,
                ],
                body: Array("csrf=\(issued)&user=crisis&password=correct+horse+battery".utf8))
            #expect(reply.status == 403, "\(site)")
        }
        let same = try HTTPReply.send(
            port: server.port, method: "POST", path: "/login",
            headers: [
                "Content-Type": "application/x-www-form-urlencoded", "Cookie": "crisisplan_login=\(issued)",
                "Sec-Fetch-Site": "same-origin",
            ],
            body: Array("csrf=\(issued)&user=crisis&password=correct+horse+battery".utf8))
        #expect(same.status == 303)
    }

    @Test("each role sees its pages: a trainer reads plans but gets no form, and no search")
    func roles() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let trainer = try server.pageSession("trainer")
        let plan = try server.page("/people/sam", cookie: trainer)
        #expect(plan.status == 200)
        #expect(!plan.body.contains("<form method=\"post\" action=\"/people/sam/answer\">"))
        #expect(try server.page("/people?q=sam", cookie: trainer).status == 403)
        #expect(try server.page("/training", cookie: trainer).status == 200)
        let crisis = try server.pageSession("crisis")
        #expect(try server.page("/training", cookie: crisis).status == 403)
        let home = try server.page("/", cookie: crisis)
        #expect(home.status == 303)
        #expect(home.header("Location") == "/people")
        let governance = try server.pageSession("governance")
        #expect(try server.page("/people/sam", cookie: governance).status == 403)
    }

    @Test("the person's page and the answer page: each under 30 KB (the stylesheet, cached, under 8 KB), the answer only with the CSRF token")
    func personAndAnswer() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let cookie = try server.pageSession("crisis")
        let stylesheet = try server.page("/static/crisisplan.css", cookie: cookie)
        let person = try server.page("/people/sam", cookie: cookie)
        #expect(person.status == 200)
        #expect(person.body.contains(#"<input type="checkbox" id="sign-sleep-loss" name="sign" value="sleep-loss"><label for="sign-sleep-loss">I stop sleeping more than four hours <span class="hint">(also: not sleeping, insomnia)</span></label>"#))
        #expect(person.body.contains(#"<option value="mark">Mark Taylor (father) – on the do-not-contact list</option>"#))
        #expect(person.body.contains(#"<option value="someone-else">Someone else</option>"#))
        #expect(person.body.utf8.count < 30_000)
        #expect(stylesheet.body.utf8.count < 8_000)
        let csrf = try #require(person.field("csrf"))
        #expect(try server.page("/people/sam/answer", cookie: cookie, form: "csrf=forged&sign=sleep-loss").status == 403)
        let answer = try server.page(
            "/people/sam/answer", cookie: cookie,
            form: "csrf=\(csrf)&sign=sleep-loss&fact.abuse_or_neglect=suspected&fact.harm_source=mark")
        #expect(answer.status == 200)
        #expect(answer.body.utf8.count < 30_000)
        let main = try #require(answer.body.range(of: "<main id=\"main\">").map { String(answer.body[$0.upperBound...]) })
        // The name and stage, the attention block, then Sam's first response before anything else.
        let first = try #require(main.range(of: "Walk Bramble and put my music on"))
        for later in ["Who to call, in this order", "Do NOT contact", "data-flag=", "Withheld"] {
            #expect(main.range(of: later).map { $0.lowerBound > first.lowerBound } == true, "\(later)")
        }
        #expect(main.contains(#"<li data-withheld="Mark Taylor">"#))
        #expect(!main.contains(#"data-contact="mark""#))
        // A print view: one `page.print` record; its stylesheet (which carries the running
        // head) is recorded under its own action, so print views are counted once.
        #expect(try server.page("/people/sam/print", cookie: cookie).status == 200)
        #expect(try server.page("/people/sam/print.css", cookie: cookie).status == 200)
        server.stop()
        let records = try server.audit(["list", "--json"]).stdout
        #expect(records.contains(#""action":"page.person""#))
        #expect(records.contains(#""action":"page.answer""#))
        #expect(records.components(separatedBy: #""action":"page.print""#).count == 2, "\(records)")
        #expect(records.contains(#""action":"page.print-style""#))
        #expect(records.contains(#""flags":["adult-safeguarding"]"#))
    }

    @Test("an emergency: the EMERGENCY header and 999 before anything else on the answer page")
    func emergency() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let cookie = try server.pageSession("crisis")
        let csrf = try #require(try server.page("/people/sam", cookie: cookie).field("csrf"))
        let answer = try server.page(
            "/people/sam/answer", cookie: cookie, form: "csrf=\(csrf)&fact.life_at_risk=true")
        #expect(answer.status == 200)
        let main = try #require(answer.body.range(of: "<main id=\"main\">").map { String(answer.body[$0.upperBound...]) })
        #expect(main.hasPrefix("\n<section class=\"emergency\" role=\"alert\" aria-labelledby=\"emergency\">\n<h2 id=\"emergency\">EMERGENCY — "))
        let nine = try #require(main.range(of: "999"))
        let header = try #require(main.range(of: "<h1"))
        #expect(nine.lowerBound < header.lowerBound)
    }

    @Test("training: a step that asks nothing, after a question, is shown above the next question")
    func trainingStepBetweenQuestions() throws {
        let folder = TemporaryFolder.make("training")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: folder + "/Rules")
        try FileManager.default.createDirectory(atPath: folder + "/Scenarios", withIntermediateDirectories: true)
        try """
            scenario: "Sam: between two questions"
            person: sam
            steps:
              - at: 2026-11-20T21:00:00Z
                signs: [not sleeping]
                ask: What stage is Sam at now?
                answer: stage
              - at: 2026-11-21T09:00:00Z
                narrative: Saturday morning. Jo says Sam has not eaten since yesterday.
                signs: [not eating]
              - at: 2026-11-21T18:00:00Z
                ask: What stage is Sam at now?
                answer: stage

            """.write(toFile: folder + "/Scenarios/01-between.yaml", atomically: true, encoding: .utf8)
        let server = try ServerProcess(rules: folder + "/Rules")
        defer { server.stop() }
        let cookie = try server.pageSession("trainer")
        let first = try server.page("/training/1", cookie: cookie)
        let form =
            "csrf=\(try #require(first.field("csrf")))&step=\(try #require(first.field("step")))&score=0&asked=0"
            + "&run=\(try #require(first.field("run")))&signature=\(try #require(first.field("signature")))&choice=1"
        let feedback = try server.page("/training/1", cookie: cookie, form: form)
        #expect(feedback.body.contains("Next step"))
        let next =
            "step=\(try #require(feedback.field("step")))&score=\(try #require(feedback.field("score")))&asked=1"
            + "&run=\(try #require(feedback.field("run")))&signature=\(try #require(feedback.field("signature")))"
        let third = try server.page("/training/1?" + next, cookie: cookie)
        #expect(third.body.contains("Step 3 of 3"), "\(third.body)")
        #expect(third.body.contains("Saturday morning. Jo says Sam has not eaten since yesterday."))
    }

    @Test("training lists a scenario added while the service runs, and names the files it leaves out")
    func trainingListFollowsTheFolder() throws {
        let folder = TemporaryFolder.make("training")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: folder + "/Rules")
        try FileManager.default.createDirectory(atPath: folder + "/Scenarios", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: PackageRoot.path + "/Scenarios/01-sam-weekend-escalates.yaml",
            toPath: folder + "/Scenarios/01-sam-weekend-escalates.yaml")
        let server = try ServerProcess(rules: folder + "/Rules")
        defer { server.stop() }
        let cookie = try server.pageSession("trainer")
        let before = try server.page("/training", cookie: cookie).body
        #expect(before.contains("Sam: a weekend that escalates"))
        #expect(!before.contains("Dee:"))
        try FileManager.default.copyItem(
            atPath: PackageRoot.path + "/Scenarios/51-dee-typed-od.yaml", toPath: folder + "/Scenarios/51-dee-typed-od.yaml")
        try "scenario: broken\nperson: nobody\nsteps: []\n".write(
            toFile: folder + "/Scenarios/99-broken.yaml", atomically: true, encoding: .utf8)
        let after = try server.page("/training", cookie: cookie).body
        #expect(after.contains("Dee:"), "\(after)")
        #expect(after.contains(#"<h2 id="left-out">Left out</h2>"#))
        #expect(after.contains("<li>99-broken.yaml</li>"))
    }

    @Test("training: a scenario played to its score")
    func training() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let cookie = try server.pageSession("trainer")
        var page = try server.page("/training/1", cookie: cookie)
        // What the step records is shown, and the plan's lines are a list, not preformatted text.
        #expect(page.body.contains(#"<p class="meta">Recorded: Signs: "#), "\(page.body)")
        #expect(!page.body.contains("<pre>"))
        var answered = 0
        func progress(_ reply: HTTPReply) throws -> String {
            "step=\(try #require(reply.field("step")))&score=\(reply.field("score") ?? "0")&asked=\(reply.field("asked") ?? "0")"
                + "&run=\(try #require(reply.field("run")))&signature=\(try #require(reply.field("signature")))"
        }
        // A choice that is not one shown is said, and the question stays, the score untouched.
        for bad in ["", "0", "9", "abc", "-1"] {
            let form = "csrf=\(try #require(page.field("csrf")))&\(try progress(page))&choice=\(bad)"
            let refused = try server.page("/training/1", cookie: cookie, form: form)
            #expect(refused.status == 400, "\(bad)")
            #expect(refused.body.contains(#"<p class="error" role="alert" id="problem">Choose one of the answers, 1 to "#), "\(bad)")
            #expect(refused.body.contains(#"name="choice""#))
            #expect(refused.field("score") == "0")
        }
        // Bounded, so a server that never reaches the end fails the test rather than hangs it.
        for _ in 0..<30 where page.body.contains(#"name="choice""#) {
            let form = "csrf=\(try #require(page.field("csrf")))&\(try progress(page))&choice=1"
            let feedback = try server.page("/training/1", cookie: cookie, form: form)
            #expect(feedback.status == 200)
            #expect(feedback.body.contains("The engine’s answer:"))
            answered += 1
            // Back, and another choice: the question is not scored twice.
            let again = try server.page("/training/1", cookie: cookie, form: form.replacingOccurrences(of: "choice=1", with: "choice=2"))
            #expect(again.status == 409)
            #expect(again.body.contains("This question was answered already, and scored then."))
            guard feedback.body.contains("Next step") else {
                page = feedback
                break
            }
            // A score edited in the page is not taken: the scenario starts again.
            let edited = try progress(feedback).replacingOccurrences(of: "score=", with: "score=9")
            #expect(try server.page("/training/1?" + edited, cookie: cookie).body.contains("Step 1 of"))
            page = try server.page("/training/1?" + (try progress(feedback)), cookie: cookie)
        }
        #expect(answered >= 2)
        #expect(page.body.contains(#"<h2 id="score">Score</h2>"#))
        #expect(page.body.contains(" of \(answered)</p>"))
        // Every training step is on the record with whose plan, the observation given and the rules.
        let records = try server.audit(["list", "--json"]).stdout.split(separator: "\n")
            .filter { $0.contains(#""action":"page.training""#) }
        #expect(records.count >= answered)
        for record in records {
            #expect(record.contains(#""person":"sam""#), "\(record)")
            #expect(!record.contains(#""rules_version":null"#), "\(record)")
        }
        #expect(records.contains { $0.contains(#""observation":{"#) && $0.contains(#""stage":"#) })
    }
}

/// SPEC v2 §9 and issue 12: for every step of every shipped scenario, the answer page shows
/// the same stage, own responses, contacts, who never to contact, withheld people and flags as
/// `crisisplan respond --json` for the same timeline (pasted into the page's observations document field).
@Suite("the answer page matches crisisplan respond --json", .serialized)
struct AnswerPageMatchesCLITests {
    struct Shown: Equatable {
        var stage: String
        var responses: [String]
        var contacts: [String]
        var doNotContact: [String]
        var withheld: [String]
        var flags: [String]
    }

    static func attributes(_ name: String, in html: String) -> [String] {
        html.components(separatedBy: "\(name)=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("every step of every shipped scenario")
    func everyStep() throws {
        let server = try ServerProcess()
        defer { server.stop() }
        let cookie = try server.pageSession("crisis")
        var compared = 0
        for step in try ScenarioTimelines.all() {
            let (file, person, document) = (step.file, step.person, step.document)
            do {
                let cli = try CommandRunner.run(
                    ["respond", person, "--observations", "-", "--json", "--rules", PackageRoot.path + "/Rules"], stdin: document)
                guard cli.status == 0,
                    let json = try JSONSerialization.jsonObject(with: Data(cli.stdout.utf8)) as? [String: Any]
                else { continue }
                let csrf = try #require(try server.page("/people/\(person)", cookie: cookie).field("csrf"))
                let encoded = document.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let page = try server.page("/people/\(person)/answer", cookie: cookie, form: "csrf=\(csrf)&document=\(encoded)")
                #expect(page.status == 200, "\(file): \(page.body.prefix(300))")
                let html = page.body
                let responses = html.components(separatedBy: "<li data-response>").dropFirst().map {
                    Self.unescaped(String($0.prefix { $0 != "<" }).replacingOccurrences(of: " ", with: " ").trimmingCharacters(in: .whitespaces))
                }
                let shown = Shown(
                    stage: Self.attributes("data-stage", in: html).first ?? "",
                    responses: responses,
                    contacts: Self.attributes("data-contact", in: html),
                    doNotContact: Self.attributes("data-do-not-contact", in: html).map(Self.unescaped),
                    withheld: Self.attributes("data-withheld", in: html).map(Self.unescaped),
                    flags: Self.attributes("data-flag", in: html))
                let expected = Shown(
                    stage: (json["stage"] as? [String: Any])?["id"] as? String ?? "",
                    responses: (json["own_responses"] as? [[String: Any]] ?? []).map { $0["do"] as? String ?? "" },
                    contacts: (json["contacts"] as? [[String: Any]] ?? []).map { $0["id"] as? String ?? "" },
                    doNotContact: (json["do_not_contact"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "" },
                    withheld: (json["withheld"] as? [[String: Any]] ?? []).map { $0["name"] as? String ?? "" },
                    flags: (json["flags"] as? [[String: Any]] ?? []).map { $0["id"] as? String ?? "" })
                #expect(shown == expected, "\(file)")
                compared += 1
            }
        }
        #expect(compared >= 50)
    }
}
