import Foundation
import HTTPTypes
import Testing

@testable import CrisisPlanServer

/// "What did you do?": after an answer the worker says whether they followed the plan, and
/// why not; the record is kept against that answer and governance sees it per person and flag.
@Suite("what the worker did, and governance's view of it")
struct FeedbackTests {
    /// The hidden value of `name` in a page.
    static func hidden(_ name: String, in body: String) throws -> String {
        let marker = #"name="\#(name)" value=""#
        let start = try #require(body.range(of: marker), "\(name)")
        return String(body[start.upperBound...].prefix { $0 != "\"" })
    }

    static func encoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    @Test("What did you do?, posted after the session ran out, is put back on the person's page after signing in, once")
    func feedbackPutBack() async throws {
        let service = try await InProcessService()
        let crisis = try await service.token(.crisis)
        try await service.run { client in
            let person = try await client.send(.get, "/people/alex", token: crisis)
            let answer = try await client.send(
                .post, "/people/alex/answer", token: crisis, headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(person.body))&fact.overdose_injury_or_ligature=yes")
            let fields = try ["answer", "stage", "flags", "signature"].map { "\($0)=\(Self.encoded(try Self.hidden($0, in: answer.body)))" }
                .joined(separator: "&")
            // No session: the post is kept, and the worker is sent to sign in, then back.
            let csrf = try FirstScreenTests.csrf(answer.body)
            let posted = try await client.send(
                .post, "/people/alex/feedback", headers: FirstScreenTests.form,
                body: "csrf=\(csrf)&" + fields + "&outcome=other&reason=contact-unavailable&comment=" + Self.encoded("Line busy"))
            #expect(posted.status == 303)
            #expect(posted.headers[.location] == "/login?next=/people/alex?restore%3D1")
            let cookie = String(try #require(posted.headers[.setCookie]).prefix { $0 != ";" })
            let page = try await client.send(.get, "/people/alex?restore=1", token: crisis, cookie: cookie)
            #expect(page.body.contains("You were signed out before what you did was recorded."))
            #expect(page.body.contains(#"<input type="radio" name="outcome" value="other" checked>"#))
            #expect(page.body.contains(#"<option value="contact-unavailable" selected>"#))
            #expect(page.body.contains(">Line busy</textarea>"))
            #expect(page.body.contains(#"name="signature" value="\#(try Self.hidden("signature", in: answer.body))""#))
            // Sent again from there, it is recorded against the answer.
            let sent = try await client.send(
                .post, "/people/alex/feedback", token: crisis, headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(page.body))&" + fields + "&outcome=other&reason=contact-unavailable")
            #expect(sent.status == 200)
            // A signature changed in the cookie's post puts nothing back.
            let forged = try await client.send(
                .post, "/people/alex/feedback", headers: FirstScreenTests.form,
                body: "csrf=\(csrf)&" + fields.replacingOccurrences(of: "stage=emergency", with: "stage=early") + "&outcome=followed")
            let forgedCookie = String(try #require(forged.headers[.setCookie]).prefix { $0 != ";" })
            let none = try await client.send(.get, "/people/alex?restore=1", token: crisis, cookie: forgedCookie)
            #expect(!none.body.contains("What did you do?"))
        }
    }

    @Test("the answer page ends with What did you do?, offering the policy's reasons; the choice is recorded against the answer")
    func recordsWhatWasDone() async throws {
        let service = try await InProcessService()
        let crisis = try await service.token(.crisis)
        let governance = try await service.token(.governance)
        try await service.run { client in
            let person = try await client.send(.get, "/people/alex", token: crisis)
            let answer = try await client.send(
                .post, "/people/alex/answer", token: crisis, headers: FirstScreenTests.form,
                body: "csrf=\(try FirstScreenTests.csrf(person.body))&fact.overdose_injury_or_ligature=yes&sign=took+something")
            let body = answer.body
            let question = try #require(body.range(of: "What did you do?"))
            // It ends the page: after the form to ask more.
            #expect(try #require(body.range(of: "aria-label=\"Ask more\"")).lowerBound < question.lowerBound)
            #expect(body.contains(#"<option value="contact-unavailable">The agreed contact or service could not be reached</option>"#))
            let answerID = try Self.hidden("answer", in: body)
            let fields = try ["csrf", "answer", "stage", "flags", "signature"].map { "\($0)=\(Self.encoded(try Self.hidden($0, in: body)))" }
                .joined(separator: "&")

            let followed = try await client.send(
                .post, "/people/alex/feedback", token: crisis, headers: FirstScreenTests.form, body: fields + "&outcome=followed")
            #expect(followed.status == 200)
            // Corrected: the same answer reported again counts once, as the newest report says.
            let other = try await client.send(
                .post, "/people/alex/feedback", token: crisis, headers: FirstScreenTests.form,
                body: fields + "&outcome=other&reason=contact-unavailable&comment=" + Self.encoded("Line busy <b>twice</b>"))
            #expect(other.status == 200)
            #expect(other.body.contains("You did something else: The agreed contact or service could not be reached."))

            // Changing what the answer was is refused; so is a reason the policy does not offer,
            // and "something else" with no why.
            let forged = try await client.send(
                .post, "/people/alex/feedback", token: crisis, headers: FirstScreenTests.form,
                body: fields.replacingOccurrences(of: "stage=emergency", with: "stage=early") + "&outcome=followed")
            #expect(forged.status == 403)
            let unknownReason = try await client.send(
                .post, "/people/alex/feedback", token: crisis, headers: FirstScreenTests.form,
                body: fields + "&outcome=other&reason=made-up")
            #expect(unknownReason.status == 400)
            let noWhy = try await client.send(
                .post, "/people/alex/feedback", token: crisis, headers: FirstScreenTests.form, body: fields + "&outcome=other")
            #expect(noWhy.status == 400)
            #expect(noWhy.body.contains("Say why you did something else"))

            let records = try await service.built.audit.store.records(
                AuditFilter(actions: ["page.feedback"]), limit: 10, offset: 0)
            #expect(records.count == 5)
            let kept = records.map(\.record).filter { $0.contains(#""status":200"#) }
            #expect(kept.count == 2)
            let said = try #require(kept.first { $0.contains("did-something-else") })
            #expect(said.contains(#""answer":"\#(answerID)""#))
            #expect(said.contains(#""reason":"contact-unavailable""#))
            #expect(said.contains(#""stage":"emergency""#))
            #expect(said.contains(#""flags":["#))
            #expect(said.contains(#""person":"alex""#))

            let view = try await client.send(.get, "/governance/follow-through", token: governance)
            #expect(view.status == 200)
            #expect(view.body.contains("By person"))
            #expect(view.body.contains(#"<td><a href="/governance/audit?person=alex">alex</a></td><td>1</td><td>0 (0%)</td><td>1</td><td>The agreed contact or service could not be reached ×1<br>“Line busy &lt;b&gt;twice&lt;/b&gt;”</td>"#), "\(view.body)")
            #expect(view.body.contains("By flag the answer raised"))
            #expect(view.body.contains("<td>immediate-risk-to-life</td><td>1</td>"))
            #expect(try await client.send(.get, "/governance/follow-through", token: crisis).status == 403)

            // A long comment is recorded cut, with the length and hash of what was sent.
            let long = String(repeating: "Rang twice, no answer. ", count: 40)
            let longSent = try await client.send(
                .post, "/people/alex/feedback", token: crisis, headers: FirstScreenTests.form,
                body: fields + "&outcome=other&reason=contact-unavailable&comment=" + Self.encoded(long))
            #expect(longSent.status == 200)
            let sent = long.trimmingCharacters(in: .whitespaces)
            let latest = try await service.built.audit.store.records(
                AuditFilter(actions: ["page.feedback"]), limit: 1, offset: 0)
            #expect(latest.first?.record.contains("…[\(sent.utf8.count) bytes, sha256:\(BoundedText.sha256(sent))]") == true)
        }
    }
}
