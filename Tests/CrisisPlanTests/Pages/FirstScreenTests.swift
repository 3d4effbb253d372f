import Foundation
import HTTPTypes
import Testing

@testable import CrisisPlan
@testable import CrisisPlanServer

/// What a worker meets first: the answer page's title and tap-to-call banner, the attention
/// block's links, the form in order of urgency, search as PERSON finds, and governance's pages.
@Suite("the first screen and the pages around it")
struct FirstScreenTests {
    /// The CSRF token of a page the user of `token` was sent.
    static func csrf(_ body: String) throws -> String {
        let marker = #"name="csrf" value=""#
        let start = try #require(body.range(of: marker))
        return String(body[start.upperBound...].prefix { $0 != "\"" })
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test("the answer page: NAME — STAGE — crisisplan, 999 a tap away, the attention block linked, the form again")
    func answerPage() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let person = try await client.send(.get, "/people/alex", token: token)
            let csrf = try Self.csrf(person.body)
            let answer = try await client.send(
                .post, "/people/alex/answer", token: token, headers: Self.form,
                body: "csrf=\(csrf)&fact.overdose_injury_or_ligature=yes&sign=took+something")
            #expect(answer.status == 200)
            #expect(answer.body.contains("<title>Alex Morgan — Emergency — immediate risk to life — from recognised signs only — crisisplan</title>"), "\(answer.body.prefix(600))")
            #expect(answer.body.contains(#"<p class="first-action"><a class="call" href="tel:999">Call 999 for an ambulance now</a></p>"#))
            #expect(answer.body.contains(##"<li><a href="#"##))
            // The form again, as the worker left it, with what was said so far.
            #expect(answer.body.contains(#"<option value="yes" selected>"#))
            #expect(answer.body.contains(#"<input type="hidden" name="history" value="{&quot;person&quot;:&quot;alex&quot;"#))
            // A second submit keeps the first: the overdose still fires with nothing new chosen.
            let history = try #require(answer.body.range(of: #"name="history" value=""#)).upperBound
            let document = String(answer.body[history...].prefix { $0 != "\"" }).replacingOccurrences(of: "&quot;", with: "\"")
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let again = try await client.send(
                .post, "/people/alex/answer", token: token, headers: Self.form,
                body: "csrf=\(try Self.csrf(answer.body))&history="
                    + (document.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""))
            #expect(again.body.contains("<title>Alex Morgan — Emergency — immediate risk to life — from recognised signs only — crisisplan</title>"))
        }
    }

    @Test("the person's form: signs, then the emergency questions, then safeguarding, then the rest; Not asked first")
    func formOrder() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let page = try await client.send(.get, "/people/sam", token: token).body
            let order = ["id=\"form-signs\"", "id=\"form-emergency\"", "id=\"form-safeguarding\"", "id=\"form-more\"", "id=\"form-capacity\""]
            let positions = try order.map { try #require(page.range(of: $0)?.lowerBound, "\($0)") }
            #expect(positions == positions.sorted())
            // The overdose question is among the emergency ones, before any safeguarding question.
            let overdose = try #require(page.range(of: "id=\"fact-overdose_injury_or_ligature\"")?.lowerBound)
            #expect(overdose > positions[1] && overdose < positions[2])
            // Every select's first choice is Not asked, posting nothing; no second "not known".
            let selects = page.components(separatedBy: "<select ").dropFirst()
            #expect(!selects.isEmpty)
            for select in selects {
                #expect(select.contains("\n<option value=\"\">Not asked</option>\n"))
                #expect(!select.contains("value=\"not_asked\""))
                #expect(!select.lowercased().contains(">not known<"))
            }
            #expect(page.contains(#"<details id="form-capacity">"#))
            // A decision's first choice too: Not asked, chosen, posting nothing.
            #expect(
                page.contains(
                    #"<input type="radio" id="cap-admission-none" name="capacity.admission" value="" checked><label for="cap-admission-none">Not asked</label>"#
                ))
            #expect(page.components(separatedBy: "<button type=\"submit\">Show Sam Taylor’s agreed responses</button>").count >= 5)
        }
    }

    @Test("an NHS number two plans hold finds no one by it (either could be the wrong person), and the page says which plans hold it")
    func sharedIdentifier() async throws {
        let folder = TemporaryFolder.make("shared-identifier")
        try FileManager.default.copyItem(atPath: PackageRoot.path + "/Rules", toPath: folder + "/Rules")
        let dee = folder + "/Rules/people/dee.yaml"
        try (try String(contentsOfFile: dee, encoding: .utf8)).replacingOccurrences(of: "999 000 0034", with: "999 000 0018")
            .write(toFile: dee, atomically: true, encoding: .utf8)
        let service = try await InProcessService(rules: folder + "/Rules")
        let token = try await service.token(.crisis)
        try await service.run { client in
            for query in ["999+000+0018", "9990000018", "https%3A%2F%2Ffhir.nhs.uk%2FId%2Fnhs-number%7C9990000018"] {
                let page = try await client.send(.get, "/people?q=" + query, token: token).body
                #expect(page.contains("The identifier"), "\(query)")
                #expect(page.contains("belongs to more than one plan: dee, sam; give their id."))
                #expect(!page.contains(#"<a href="/people/dee">"#))
                #expect(!page.contains(#"<a href="/people/sam">"#))
            }
            let api = try await client.send(.get, "/v1/people?q=9990000018", token: token).body
            #expect(api.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(api)")
        }
    }

    @Test("the answer page is in the text form's order: own responses, who to call, who not to, then helps, avoid, take care of")
    func textFormOrder() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let person = try await client.send(.get, "/people/sam", token: token)
            let body = try await client.send(
                .post, "/people/sam/answer", token: token, headers: Self.form,
                body: "csrf=\(try Self.csrf(person.body))&sign=sleep-loss"
            ).body
            let marks = [#"id="own""#, #"id="contacts""#, #"id="donot""#, #"id="unwell""#, "A quiet room", "Feed Bramble"]
            let places = try marks.map { try #require(body.range(of: $0), "\($0)").lowerBound }
            #expect(places == places.sorted())
        }
    }

    @Test("the answer page never says a bare stage while something typed was not understood")
    func notUnderstood() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let person = try await client.send(.get, "/people/dee", token: token)
            let document = #"{"observations":[{"at":"2026-12-07T13:00:00Z","signs":["cut my arm"]}]}"#
            let answer = try await client.send(
                .post, "/people/dee/answer", token: token, headers: Self.form,
                body: "csrf=\(try Self.csrf(person.body))&document=" + FeedbackTests.encoded(document))
            #expect(answer.body.contains("<title>Dee Evans — Well — from recognised signs only — crisisplan</title>"))
            #expect(answer.body.contains(">Dee Evans (she/her) — Well — from recognised signs only</h1>"))
        }
    }

    @Test("search finds what PERSON finds, with near misses, born and natural order")
    func search() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let reversed = try await client.send(.get, "/people?q=taylor+sam", token: token).body
            #expect(reversed.contains(#"<a href="/people/sam">Sam Taylor</a>"#))
            #expect(reversed.contains("born 1994-05-02"))
            let misspelt = try await client.send(.get, "/people?q=Sma+Tailor", token: token).body
            #expect(misspelt.contains("No one found for “Sma Tailor”. Did you mean:"))
            #expect(misspelt.contains(#"<a href="/people/sam">Sam Taylor</a>"#))
            let number = try await client.send(.get, "/people?q=999+000+0018", token: token).body
            #expect(number.contains(#"<a href="/people/sam">Sam Taylor</a>"#))
            #expect(!number.contains("No one found"))
        }
        #expect(NaturalOrder.precedes("robin2", "robin10"))
        #expect(!NaturalOrder.precedes("robin10", "robin2"))
        #expect(NaturalOrder.precedes("robin1", "robin2"))
        #expect(NaturalOrder.precedes("Robin", "robin1"))
    }

    @Test("governance reads the audit log and the checks as pages, filtered and paged; others may not")
    func governancePages() async throws {
        let service = try await InProcessService()
        let governance = try await service.token(.governance)
        let crisis = try await service.token(.crisis)
        try await service.run { client in
            _ = try await client.send(.get, "/v1/people?q=sam", token: crisis)
            _ = try await client.send(.get, "/v1/people/sam", token: crisis)
            let audit = try await client.send(.get, "/governance/audit?person=sam", token: governance)
            #expect(audit.status == 200)
            #expect(audit.body.contains("<h1>Audit log</h1>"))
            #expect(audit.body.contains("<td>people.read</td><td>sam</td>"))
            #expect(!audit.body.contains("<td>people.search</td>"))
            let bad = try await client.send(.get, "/governance/audit?since=yesterday", token: governance)
            #expect(bad.body.contains("“Since” takes a date"))
            let checks = try await client.send(.get, "/governance/checks", token: governance)
            #expect(checks.status == 200)
            #expect(checks.body.contains("<h1>Checks of the library served</h1>"))
            #expect(checks.body.contains("errors,"))
            let refused = try await client.send(.get, "/governance/audit", token: crisis)
            #expect(refused.status == 403)
            let start = try await client.send(.get, "/", token: governance)
            #expect(start.headers[.location] == "/governance/audit")
        }
    }
}

/// A worker whose session ran out mid-form loses nothing; one wrong password short of a
/// lock-out is told so.
@Suite("signing in again at 3 a.m.")
struct SignInAgainTests {
    @Test("a trainee's answer posted after the session ran out is put back on the step, chosen, after signing in")
    func trainingAnswerPutBack() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.trainer)
        try await service.run { client in
            let step = try await client.send(.get, "/training/1", token: token)
            func hidden(_ name: String) throws -> String {
                let marker = #"name="\#(name)" value=""#
                let start = try #require(step.body.range(of: marker))
                return String(step.body[start.upperBound...].prefix { $0 != "\"" })
            }
            let body =
                "csrf=\(try hidden("csrf"))&step=\(try hidden("step"))&score=0&asked=0&run=\(try hidden("run"))"
                + "&signature=\(try hidden("signature"))&choice=2"
            let posted = try await client.send(.post, "/training/1", headers: FirstScreenTests.form, body: body)
            #expect(posted.status == 303)
            #expect(posted.headers[.location] == "/login?next=/training/1?restore%3D1")
            let setCookie = try #require(posted.headers[.setCookie])
            #expect(setCookie.hasPrefix("crisisplan_replay="))
            let cookie = String(setCookie.prefix { $0 != ";" })
            let page = try await client.send(.get, "/training/1?restore=1", token: token, cookie: cookie)
            #expect(page.body.contains("You were signed out before your answer was checked."))
            #expect(page.body.contains(#"value="2" required checked>"#))
            #expect(!page.body.contains(#"value="1" required checked>"#))
            #expect(page.headers[.setCookie]?.hasPrefix("crisisplan_replay=; Path=/; Max-Age=0") == true)
        }
    }

    @Test("the person's page leads from its top to what works best for them and who to call, which sit below the form")
    func jumpsToThePlan() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let page = try await client.send(.get, "/people/sam", token: token).body
            let jump = try #require(page.range(of: ##"<a href="#what-helps">What works best for them</a>"##), "\(page)")
            #expect(page.contains(##"<a href="#who-to-call">Who to call</a>"##))
            let form = try #require(page.range(of: "<form method=\"post\" action=\"/people/sam/answer\""))
            #expect(jump.lowerBound < form.lowerBound)
            let target = try #require(page.range(of: "id=\"what-helps\">\n<h2>What works best for me — "), "\(page)")
            #expect(form.lowerBound < target.lowerBound)
            #expect(page.contains("id=\"who-to-call\">\n<h2>The people I want contacted — "))
        }
    }

    @Test("what the worker types in their own words is read as a sign, red flags and all; the box left empty adds nothing")
    func typedInOwnWords() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let page = try await client.send(.get, "/people/sam", token: token)
            #expect(page.body.contains(#"<label for="sign-typed">Anything else you are seeing, in your own words</label>"#))
            #expect(page.body.contains(#"<input type="text" id="sign-typed" name="sign" maxlength="500" autocomplete="off">"#))
            let csrf = try FirstScreenTests.csrf(page.body)
            let typed = try await client.send(
                .post, "/people/sam/answer", token: token, headers: FirstScreenTests.form,
                body: "csrf=\(csrf)&sign=sleep-loss&sign=" + FeedbackTests.encoded("says she took 30 citalopram"))
            #expect(typed.status == 200)
            #expect(typed.body.contains("says she took 30 citalopram"), "\(typed.body)")
            #expect(typed.body.contains("This may be an emergency."), "\(typed.body)")
            let empty = try await client.send(
                .post, "/people/sam/answer", token: token, headers: FirstScreenTests.form,
                body: "csrf=\(csrf)&sign=sleep-loss&sign=+++")
            #expect(empty.status == 200)
            #expect(!empty.body.contains("from recognised signs only"), "\(empty.body)")
        }
    }

    @Test("numbers are one tap away: on the person's plan, and 999 beside a possible emergency; the withheld list says only not to contact")
    func tapToCall() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let page = try await client.send(.get, "/people/kit", token: token)
            #expect(page.body.contains(#"<a class="phone" href="tel:07700900987">07700 900987</a>"#), "\(page.body)")
            // A team with hours too: the number is the link, the hours follow it.
            #expect(page.body.contains(#"<a class="phone" href="tel:03005550111">0300 555 0111</a> (hours: 24h)"#), "\(page.body)")
            #expect(!page.body.contains(#"0300 555 0111 (hours: 24h)</li>"#))
            let answer = try await client.send(
                .post, "/people/kit/answer", token: token, headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(page.body))&document="
                    + FeedbackTests.encoded(#"{"observations":[{"at":"2026-12-07T01:00:00Z","signs":["took tablets"],"facts":{"harm_source":"lee"}}]}"#))
            #expect(answer.status == 200)
            #expect(answer.body.contains(#"<a class="call" href="tel:999">Call 999</a>"#), "\(answer.body)")
            #expect(answer.body.contains(#"<h2 id="withheld">Withheld – do not contact</h2>"#))
        }
    }

    @Test("an assessment the answer page only repeats is not recorded again: it keeps its time and goes stale when it should")
    func repeatedAssessmentKeepsItsTime() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            // Two days ago: Sam assessed as lacking capacity to decide about haloperidol.
            let history =
                #"{"person":"sam","observations":[{"at":"2026-12-05T01:00:00Z","capacity":[{"decision":"haloperidol","status":"lacks"}]}]}"#
            let page = try await client.send(.get, "/people/sam", token: token)
            // The answer page's form, sent again as it came (pre-filled with "lacks"), with the setting changed.
            let again = try await client.send(
                .post, "/people/sam/answer", token: token, headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(page.body))&capacity.haloperidol=lacks&fact.setting=home&history="
                    + FeedbackTests.encoded(history))
            #expect(again.status == 200)
            let marker = try #require(again.body.range(of: #"name="history" value=""#)).upperBound
            let recorded = String(again.body[marker...].prefix { $0 != "\"" }).replacingOccurrences(of: "&quot;", with: "\"")
            #expect(recorded.components(separatedBy: #""status":"lacks""#).count == 2, "\(recorded)")
            #expect(again.body.contains("capacity-assessment-stale") || again.body.contains("reassess"), "the stale assessment is reported")
        }
    }

    @Test("an observations document that cannot be read brings the form back with it and with what was recorded before")
    func unreadableDocumentKeepsTheHistory() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            let history =
                #"{"person":"kit","observations":[{"at":"2026-12-07T01:00:00Z","facts":{"abuse_or_neglect":"disclosed","harm_source":"lee"}}]}"#
            let page = try await client.send(.get, "/people/kit", token: token)
            let reply = try await client.send(
                .post, "/people/kit/answer", token: token, headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(page.body))&document=" + FeedbackTests.encoded("signs: [took tablets]")
                    + "&history=" + FeedbackTests.encoded(history))
            #expect(reply.status == 400)
            #expect(reply.body.contains("Those observations could not be read."))
            #expect(reply.body.contains(#"<input type="hidden" name="history" value="{&quot;person&quot;:&quot;kit&quot;"#), "\(reply.body.prefix(3000))")
            #expect(reply.body.contains("signs: [took tablets]"))
        }
    }

    @Test("a form posted after the session ran out is put back, once, after signing in")
    func formPutBack() async throws {
        let service = try await InProcessService()
        let token = try await service.token(.crisis)
        try await service.run { client in
            // Earlier on the answer page: abuse suspected, and Jo named as causing it.
            let history =
                #"{"person":"sam","observations":[{"at":"2026-12-07T01:00:00Z","facts":{"abuse_or_neglect":"suspected","harm_source":"jo"}}]}"#
            let earlier = try await client.send(.get, "/people/sam", token: token)
            let posted = try await client.send(
                .post, "/people/sam/answer", headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(earlier.body))&sign=sleep-loss&fact.self_harm=plans&fact.harm_source=someone-else&history="
                    + FeedbackTests.encoded(history))
            #expect(posted.status == 303)
            #expect(posted.headers[.location] == "/login?next=/people/sam?restore%3D1")
            let setCookie = try #require(posted.headers[.setCookie])
            #expect(setCookie.hasPrefix("crisisplan_replay="))
            #expect(setCookie.contains("Max-Age=600; HttpOnly; SameSite=Strict"))
            #expect(!setCookie.contains("sleep-loss"))
            let cookie = String(setCookie.prefix { $0 != ";" })
            let page = try await client.send(.get, "/people/sam?restore=1", token: token, cookie: cookie)
            #expect(page.body.contains("You were signed out before your answers were sent."))
            #expect(page.body.contains(#"value="sleep-loss" checked"#))
            #expect(page.body.contains(#"<option value="plans" selected>"#))
            #expect(page.headers[.setCookie]?.hasPrefix("crisisplan_replay=; Path=/; Max-Age=0") == true)
            // The observations so far come back too: sent again, Jo is still withheld, never
            // on the route, although this post names someone else.
            #expect(page.body.contains(#"<input type="hidden" name="history" value="{&quot;person&quot;:&quot;sam&quot;"#))
            let again = try await client.send(
                .post, "/people/sam/answer", token: token, headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(page.body))&sign=sleep-loss&fact.harm_source=someone-else&history="
                    + FeedbackTests.encoded(history))
            #expect(again.body.contains(#"<li data-withheld="Jo Taylor">"#))
            // A forged or altered cookie puts nothing back.
            let forged = try await client.send(
                .get, "/people/sam", token: token, cookie: "crisisplan_replay=" + String(cookie.dropFirst(20).reversed()))
            #expect(!forged.body.contains("You were signed out"))
            // Someone else's page does not take it.
            let other = try await client.send(.get, "/people/kit", token: token, cookie: cookie)
            #expect(!other.body.contains("You were signed out"))
        }
    }

    @Test("a post from another site (no CSRF token, a made-up one, or one made for someone else) is never kept to be put back")
    func crossSitePostNotKept() async throws {
        let service = try await InProcessService()
        let crisis = try await service.token(.crisis)
        let admin = try await service.token(.admin)
        try await service.run { client in
            let history =
                #"{"person":"kit","observations":[{"at":"2026-11-24T09:00:00Z","facts":{"harm_source":"Rosa Kemp"}}]}"#
            let choices = "sign=panic&history=" + FeedbackTests.encoded(history)
            // Without a token, nothing is kept; a made-up one is never put back.
            for csrf in ["", "csrf=&"] {
                let posted = try await client.send(
                    .post, "/people/kit/answer", headers: FirstScreenTests.form, body: csrf + choices)
                #expect(posted.status == 303)
                #expect(posted.headers[.location] == "/login?next=/people/kit")
                #expect(posted.headers[.setCookie] == nil)
            }
            for csrf in ["stale", "abc.def", "abc." + String(repeating: "0", count: 64)] {
                let posted = try await client.send(
                    .post, "/people/kit/answer", headers: FirstScreenTests.form, body: "csrf=\(csrf)&" + choices)
                let cookie = String((posted.headers[.setCookie] ?? "").prefix { $0 != ";" })
                let page = try await client.send(.get, "/people/kit?restore=1", token: crisis, cookie: cookie)
                #expect(!page.body.contains("You were signed out"))
                #expect(!page.body.contains(#"name="history" value="{"#))
            }
            // A token made for the admin's page, posted signed out, is kept; the crisis worker
            // who signs in next does not get it back.
            let adminPage = try await client.send(.get, "/people/kit", token: admin)
            let kept = try await client.send(
                .post, "/people/kit/answer", headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(adminPage.body))&" + choices)
            let cookie = String(try #require(kept.headers[.setCookie]).prefix { $0 != ";" })
            let page = try await client.send(.get, "/people/kit?restore=1", token: crisis, cookie: cookie)
            #expect(page.status == 200)
            #expect(!page.body.contains("You were signed out"))
            #expect(!page.body.contains(#"name="history" value="{"#))
            // The admin, signing in again, does get theirs back.
            let own = try await client.send(.get, "/people/kit?restore=1", token: admin, cookie: cookie)
            #expect(own.body.contains("You were signed out before your answers were sent."))
        }
    }

    @Test("the fourth wrong password says one more locks the name out here")
    func lastTryWarning() async throws {
        let service = try await InProcessService()
        try await service.run { client in
            var messages: [String] = []
            for _ in 0..<6 {
                let reply = try await client.send(.post, "/v1/login", body: #"{"user": "crisis", "password": "wrong-guess"}"#)
                messages.append(reply.body)
            }
            #expect(!messages[2].contains("one more failure"))
            #expect(messages[3].contains("one more failure locks this user name out from this address for 15 minutes"))
            #expect(messages[5].contains(#""code":"locked-out""#))
        }
    }
}
