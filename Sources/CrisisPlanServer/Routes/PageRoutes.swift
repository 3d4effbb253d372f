import CrisisPlan
import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The crisis team's pages (SPEC v2 §9): sign-in, search, a person's page with the form, the
/// answer page, the print view. Plain HTML forms, no script; every error is a page with a way
/// on, never JSON.
struct PageRoutes: Sendable {
    let answering: AnsweringService
    let pages: PageRenderer
    let tokens: TokenService
    let signIn: SignIn
    let secure: Bool
    let replay: FormReplay

    @Sendable func stylesheet(_ request: Request, _ context: ServerContext) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: pages.stylesheet)))
    }

    @Sendable func favicon(_ request: Request, _ context: ServerContext) -> Response {
        Response(status: .noContent)
    }

    /// The start: each role goes where its work is.
    @Sendable func start(_ request: Request, _ context: ServerContext) -> Response {
        let role = context.user?.role ?? .crisis
        if RouteAccess.findPeople.allows(role) { return PageResponses.redirect("/people") }
        if RouteAccess.training.allows(role) { return PageResponses.redirect("/training") }
        if RouteAccess.governance.allows(role) { return PageResponses.redirect("/governance/audit") }
        return pages.message(
            "Nothing to show", ["This role has no pages. Ask an admin if you need one."],
            links: [], frame: frame(context), status: .ok)
    }

    @Sendable func loginForm(_ request: Request, _ context: ServerContext) -> Response {
        loginPage(
            next: request.uri.queryParameters.get("next") ?? "/", user: "", error: nil, status: .ok,
            nonce: SessionCookie.value(SessionCookie.loginName, in: request))
    }

    @Sendable func login(_ request: Request, _ context: ServerContext) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: LoginRoute.bodyLimit)
        let form = PageForm(urlencoded: String(decoding: body.readableBytesView, as: UTF8.self))
        let next = form.value("next") ?? "/"
        let user = form.value("user") ?? ""
        // A browser says where a form was posted from: only this site's own pages sign in (a
        // sibling site that planted a cookie is same-site, not same-origin).
        let fetchSite = request.headers[HTTPField.Name("Sec-Fetch-Site")!]
        guard let nonce = SessionCookie.value(SessionCookie.loginName, in: request), let sent = form.value("csrf"),
            ConstantTime.equal(nonce, sent), tokens.isLoginNonce(nonce),
            fetchSite == nil || fetchSite == "same-origin" || fetchSite == "none"
        else {
            return loginPage(
                next: next, user: user, error: "The sign-in form had expired. Please sign in again.", status: .forbidden,
                nonce: nil)
        }
        guard !user.isEmpty, let password = form.value("password"), !password.isEmpty else {
            return loginPage(
                next: next, user: user, error: "Enter your user name and password.", status: .badRequest, nonce: nonce)
        }
        do {
            let signedIn = try await signIn.attempt(user: user, password: password, context: context)
            var response = PageResponses.redirect(PageResponses.safe(next))
            response.headers[.setCookie] = SessionCookie.set(signedIn.token, secure: secure)
            return response
        } catch let error as APIError {
            let message =
                switch error.code {
                case "locked-out":
                    "Too many failed sign-ins for this user from this device. Try again in 15 minutes, or ask an admin to unlock your account."
                case "sign-in-busy": "Sign-in is busy. Wait a few seconds and try again."
                case _ where error.message.contains("is now locked out"):
                    "The user name or password is not right, and this user is now locked out on this device for 15 minutes. Ask a colleague or an admin to unlock it if you cannot wait."
                case _ where error.message.contains("one more failure"):
                    "The user name or password is not right. One more wrong try locks this user out on this device for 15 minutes: if you are unsure, ask a colleague or an admin."
                default: "The user name or password is not right."
                }
            return loginPage(next: next, user: user, error: message, status: error.status, nonce: nonce)
        }
    }

    @Sendable func logout(_ request: Request, _ context: ServerContext) async throws -> Response {
        _ = try await PageForm.read(request, context: context, tokens: tokens)
        // Ended on the server too: a copy of the cookie opens nothing after this.
        if let tokenID = context.user?.tokenID { tokens.end(tokenID: tokenID) }
        var response = pages.message(
            "You are signed out", ["Close this window if you are on a shared device."],
            links: [PageLink(href: "/login", label: "Sign in again")], frame: .signedOut, status: .ok)
        response.headers[.setCookie] = SessionCookie.clear(secure: secure)
        return response
    }

    @Sendable func search(_ request: Request, _ context: ServerContext) throws -> Response {
        let library = try answering.library()
        let query = PageForm(query: request).value("q")
        let found = query.map { library.search($0) }
        let heading: String
        switch found {
        case nil: heading = ""
        case let found? where found.sharedIdentifier != nil:
            // PERSON's error, as a sentence: "The identifier … belongs to more than one plan: …".
            let message = found.sharedIdentifier ?? ""
            heading = (message.hasPrefix("error: ") ? String(message.dropFirst(7)) : message).capitalizedFirst + "."
        case let found? where found.total == 0:
            heading = "No one found for “\(TerminalText.visible(query ?? ""))”."
                + (found.nearMisses.isEmpty ? " Check the spelling, or try part of the name or the id." : " Did you mean:")
        case let found? where found.total > found.people.count:
            heading = "\(found.total) people found: showing \(found.people.count) of \(found.total) — type more of the name"
        case let found?: heading = found.total == 1 ? "1 person found" : "\(found.total) people found"
        }
        func result(_ person: ServedPerson) -> SearchPage.Result {
            SearchPage.Result(
                id: person.id, name: person.plan.person.name, pronouns: person.plan.person.pronouns,
                born: person.plan.person.born?.description)
        }
        return pages.page(
            "search",
            SearchPage(
                frame: frame(context), query: query ?? "", searched: query != nil, heading: heading,
                results: (found?.people ?? []).map(result), nearMisses: (found?.nearMisses ?? []).map(result)))
    }

    @Sendable func person(_ request: Request, _ context: ServerContext) throws -> Response {
        let (library, person) = try found(context)
        let canAsk = RouteAccess.answer.allows(context.user?.role ?? .trainer)
        let today = Timestamp.now().utcDate
        // Choices kept when the session ran out: put back on the form, once.
        let saved = replay.saved(in: request, for: context.user, tokens: tokens, now: Timestamp.now())
        if canAsk, let saved, saved.path == "/people/\(person.id)/feedback",
            let feedback = FeedbackForm.restored(
                PageForm(urlencoded: saved.body), person: person.id, policy: library.policy, tokens: tokens)
        {
            var page = PersonPage(person: person, policy: library.policy, frame: frame(context), canAsk: true, today: today)
            page.feedback = feedback
            page.restored =
                "You were signed out before what you did was recorded. It is back below: check it, then record it again."
            return pages.page("person", page, headers: [.setCookie: replay.clear])
        }
        if canAsk, let saved, saved.path == "/people/\(person.id)/answer" {
            var page = PersonPage(person: person, policy: library.policy, frame: frame(context), canAsk: true, today: today)
            let restored = AnswerForm(form: PageForm(urlencoded: saved.body))
            page.form = ObservationForm(
                plan: person.plan, policy: library.policy, chosen: restored.observation(now: Timestamp.now()),
                history: restored.form.value("history").flatMap { $0.isEmpty ? nil : $0 })
            page.form.document = restored.form.value("document")
            page.restored =
                "You were signed out before your answers were sent. They are back on the form below: check them, then send them again."
            return pages.page("person", page, headers: [.setCookie: replay.clear])
        }
        return pages.cachedPage(
            "person", key: "\(library.version)|\(person.id)|\(canAsk)|\(today)", frame: frame(context)
        ) { frame in
            PersonPage(person: person, policy: library.policy, frame: frame, canAsk: canAsk, today: today)
        }
    }

    @Sendable func print(_ request: Request, _ context: ServerContext) throws -> Response {
        let (library, person) = try found(context)
        let today = Timestamp.now().utcDate
        return pages.cachedPage("print", key: "\(library.version)|\(person.id)|\(today)", frame: frame(context)) {
            frame in
            PersonPage(person: person, policy: library.policy, frame: frame, canAsk: false, today: today)
        }
    }

    @Sendable func printStyle(_ request: Request, _ context: ServerContext) throws -> Response {
        let (_, person) = try found(context)
        return Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: PrintStyle.css(person.plan))))
    }

    /// The form posted: the observations so far (carried by the page), then what the worker
    /// chose, as one more observation now — or a pasted observations document instead.
    @Sendable func answer(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await PageForm.read(request, context: context, tokens: tokens)
        let (library, person) = try found(context)
        let answerForm = AnswerForm(form: form)
        let now = Timestamp.now()
        let source = answerForm.pasted ?? answerForm.history
        do throws(BadInput) {
            let earlier = try ObservationRequest(source: source).timeline.observations
            let chosen = answerForm.pasted == nil ? answerForm.observation(now: now, after: earlier) : nil
            let answer = try answering.answer(source, adding: chosen, person: person, at: nil, context: context)
            let history = ObservationDocument.json(person: person.id, earlier + (chosen.map { [$0] } ?? []))
            let answerID = RequestIDMiddleware<ServerContext>.propagated(request.headers[.requestID]) ?? context.id
            return pages.page(
                "answer",
                AnswerPageModel(
                    frame: frame(context), answer: AnswerPage(answer),
                    // Pre-filled with all the worker chose, repeats included.
                    form: ObservationForm(
                        plan: person.plan, policy: library.policy,
                        chosen: answerForm.pasted == nil ? answerForm.observation(now: now) : nil, history: history),
                    feedback: FeedbackForm(
                        person: person.id, answer: answerID, stage: answer.stage.id, flags: answer.flags.map(\.id),
                        policy: library.policy, tokens: tokens)),
                headers: [.rulesVersion: library.version])
        } catch {
            // The form comes back with the document as typed and the observations so far: a
            // slip in the document never loses what was recorded (who is withheld included).
            var page = PersonPage(person: person, policy: library.policy, frame: frame(context), canAsk: true, today: now.utcDate)
            page.form = ObservationForm(
                plan: person.plan, policy: library.policy, chosen: nil,
                history: answerForm.form.value("history").flatMap { $0.isEmpty ? nil : $0 })
            page.form.document = answerForm.form.value("document")
            page.problems = error.message.split(separator: "\n").map(String.init)
            var response = pages.page("person", page)
            response.status = .badRequest
            return response
        }
    }

    /// `POST /people/{id}/feedback`: what the worker did after an answer, recorded against it
    /// (`page.feedback`): followed the plan, or did something else, with a reason from the
    /// policy's list and a few words of their own.
    @Sendable func feedback(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await PageForm.read(request, context: context, tokens: tokens)
        let (library, person) = try found(context)
        let answer = form.value("answer") ?? ""
        let stage = form.value("stage") ?? ""
        let flags = form.value("flags") ?? ""
        let signed = FeedbackForm.signed(person: person.id, answer: answer, stage: stage, flags: flags)
        guard let signature = form.value("signature"), ConstantTime.equal(tokens.signature(signed), signature) else {
            throw PageError.forbidden("This answer's form was changed or is from another person's page. Go back and answer again.")
        }
        let back = [PageLink(href: "/people/\(person.id)", label: "Back to \(person.plan.person.name)’s plan")]
        let outcome = form.value("outcome")
        let reason = form.value("reason").flatMap { $0.isEmpty ? nil : $0 }
        // Recorded as sent: the audit record cuts it, with the hash of the whole.
        let comment = form.value("comment").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
        var problems: [String] = []
        if outcome != "followed" && outcome != "other" { problems.append("Choose “I followed the plan” or “I did something else”.") }
        if let reason, !library.policy.overrideReasons.contains(where: { $0.id == reason }) {
            problems.append("That reason is not one of this service’s reasons; choose one from the list.")
        }
        if outcome == "other" && reason == nil && comment == nil {
            problems.append("Say why you did something else: choose a reason or write a few words.")
        }
        guard problems.isEmpty else {
            return pages.message("Nothing was recorded", problems, links: back, frame: frame(context), status: .badRequest)
        }
        context.audit.update { note in
            note.stage = stage
            note.flags = flags.split(separator: ",").map(String.init)
            note.details["answer"] = .string(answer)
            note.details["outcome"] = .string(outcome == "followed" ? "followed" : "did-something-else")
            if outcome == "other" {
                if let reason { note.details["reason"] = .string(reason) }
                if let comment { note.details["comment"] = .string(comment) }
            }
        }
        return pages.message(
            "Recorded — thank you",
            [outcome == "followed"
                ? "You followed \(person.plan.person.name)’s plan."
                : "You did something else" + (reason.flatMap { id in library.policy.overrideReasons.first { $0.id == id }?.label }.map { ": \($0)." } ?? ".")],
            links: back, frame: frame(context), status: .ok)
    }

    /// The library and the person of the path (404 with suggestions, 503 before a library,
    /// shown as pages by `PageErrorMiddleware`).
    private func found(_ context: ServerContext) throws -> (ServedLibrary, ServedPerson) {
        let library = try answering.library()
        return (library, try answering.person(in: library, context: context))
    }

    func frame(_ context: ServerContext) -> PageFrame { PageFrame(context.user, tokens: tokens) }

    /// The sign-in form with its nonce — the one the browser already holds, if any, so that
    /// two tabs (or a favicon's redirect) do not make each other's form stale.
    private func loginPage(next: String, user: String, error: String?, status: HTTPResponse.Status, nonce: String?)
        -> Response
    {
        let nonce = nonce.flatMap { tokens.isLoginNonce($0) ? $0 : nil } ?? tokens.loginNonce()
        return pages.page(
            "login", LoginPage(frame: .signedOut, csrf: nonce, next: PageResponses.safe(next), user: user, error: error),
            status: status,
            headers: [
                .setCookie: "\(SessionCookie.loginName)=\(nonce); Path=/login; HttpOnly; SameSite=Strict"
                    + (secure ? "; Secure" : "")
            ])
    }
}

struct LoginPage: Sendable {
    var frame: PageFrame
    var csrf: String
    var next: String
    var user: String
    var error: String?
}

struct SearchPage: Sendable {
    struct Result: Sendable {
        var id: String
        var name: String
        var pronouns: String?
        /// The date of birth, to tell two people of one name apart.
        var born: String?
    }
    var frame: PageFrame
    var query: String
    var searched: Bool
    var heading: String
    var results: [Result]
    var nearMisses: [Result]
}

struct AnswerPageModel: Sendable {
    var frame: PageFrame
    var answer: AnswerPage
    /// The form again, as the worker left it, with the observations so far.
    var form: ObservationForm
    var feedback: FeedbackForm
}
