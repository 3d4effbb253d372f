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
        return pages.message(
            "Governance", ["The audit log and the results of check and test on the library are served as JSON."],
            links: [PageLink(href: "/v1/audit", label: "Audit log (JSON)"), PageLink(href: "/v1/checks", label: "Checks (JSON)")],
            frame: frame(context), status: .ok)
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
        guard let nonce = SessionCookie.value(SessionCookie.loginName, in: request), let sent = form.value("csrf"),
            ConstantTime.equal(nonce, sent)
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
                default: "The user name or password is not right."
                }
            return loginPage(next: next, user: user, error: message, status: error.status, nonce: nonce)
        }
    }

    @Sendable func logout(_ request: Request, _ context: ServerContext) async throws -> Response {
        _ = try await PageForm.read(request, context: context, tokens: tokens)
        var response = pages.message(
            "You are signed out", ["Close this window if you are on a shared device."],
            links: [PageLink(href: "/login", label: "Sign in again")], frame: .signedOut, status: .ok)
        response.headers[.setCookie] = SessionCookie.clear(secure: secure)
        return response
    }

    @Sendable func search(_ request: Request, _ context: ServerContext) throws -> Response {
        let library = try answering.library()
        let query = PageForm(query: request).value("q")
        let results = query.map { library.search($0) } ?? []
        return pages.page(
            "search",
            SearchPage(
                frame: frame(context), query: query ?? "", searched: query != nil,
                heading: results.isEmpty
                    ? "No one found for “\(query ?? "")”. Check the spelling, or try part of the name or the id."
                    : results.count == 1 ? "1 person found" : "\(results.count) people found",
                results: results.map {
                    SearchPage.Result(id: $0.id, name: $0.plan.person.name, pronouns: $0.plan.person.pronouns)
                }))
    }

    @Sendable func person(_ request: Request, _ context: ServerContext) throws -> Response {
        let (library, person) = try found(context)
        let canAsk = RouteAccess.answer.allows(context.user?.role ?? .trainer)
        let today = Timestamp.now().utcDate
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

    @Sendable func answer(_ request: Request, _ context: ServerContext) async throws -> Response {
        let form = try await PageForm.read(request, context: context, tokens: tokens)
        let (library, person) = try found(context)
        let answerForm = AnswerForm(form: form)
        do throws(BadInput) {
            let answer =
                if let pasted = answerForm.pasted {
                    try answering.answer(pasted, person: person, at: nil, context: context)
                } else {
                    try answering.answer(
                        nil, adding: answerForm.observation(now: Timestamp.now()), person: person, at: nil,
                        context: context)
                }
            return pages.page(
                "answer", AnswerPageModel(frame: frame(context), answer: AnswerPage(answer)),
                headers: [.rulesVersion: library.version])
        } catch {
            return pages.message(
                "Those observations could not be read", error.message.split(separator: "\n").map(String.init),
                links: [PageLink(href: "/people/\(person.id)", label: "Back to the form")], frame: frame(context),
                status: .badRequest)
        }
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
        let nonce =
            nonce.flatMap { $0.count >= 16 && $0.count <= 64 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } ? $0 : nil }
            ?? SymmetricKey(size: .bits128).withUnsafeBytes { Data($0).base64EncodedString() }.filter {
                $0.isLetter || $0.isNumber
            }
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
    }
    var frame: PageFrame
    var query: String
    var searched: Bool
    var heading: String
    var results: [Result]
}

struct AnswerPageModel: Sendable {
    var frame: PageFrame
    var answer: AnswerPage
}
