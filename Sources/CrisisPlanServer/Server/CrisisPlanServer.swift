import CrisisPlan
import Crypto
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL
import Prometheus
import NIOCore
import ServiceLifecycle

/// `crisisplan serve`: the answers over HTTP, from a library loaded once and reloaded safely.
///
/// A request passes request ids, security headers and the error shape outermost, then
/// metrics, then the audit record, then page errors, then the route — whose declaration
/// (`RouteTable`) says who may call it, checked before it runs.
public enum CrisisPlanServer {
    /// Builds the service, ready to run: the library loaded, the users read, the audit store
    /// open. The caller bootstraps logging and metrics (`registry` is what `/metrics` shows).
    public static func buildApplication(_ options: ServeOptions, registry: PrometheusCollectorRegistry) async throws
        -> some ApplicationProtocol
    {
        try await build(options, registry: registry).application
    }

    /// The parts tests reach into: the application, and the token service to sign them in.
    struct Built {
        var application: Application<RouterResponder<ServerContext>>
        var tokens: TokenService
        var users: UserDirectory
        var routes: RouteList
        var store: LibraryStore
        var audit: AuditLog
    }

    static func build(_ options: ServeOptions, registry: PrometheusCollectorRegistry) async throws -> Built {
        // Everything the service writes — audit store, spill files, the token key — is its
        // owner's alone.
        umask(0o077)
        let logger = Logger(label: "crisisplan.serve")
        let proxies = try TrustedProxies(options.trustedProxies)
        let users = UserDirectory(file: UsersFile(path: options.users), logger: logger)
        let store = LibraryStore(rules: options.rules, users: users, logger: logger)
        guard options.rules.exists else {
            throw StartFailure(message: "error: no rules directory at '\(options.rules.displayPath)'; pass --rules DIR")
        }
        if case .failure(let refusal) = await store.reload(reason: "start") {
            throw StartFailure(
                message: refusal.errors.joined(separator: "\n")
                    + "\nerror: the policy has errors, so the server cannot start; fix them (crisisplan check) and start again")
        }
        do throws(UsersFile.Problem) {
            try users.reload()
        } catch {
            throw StartFailure(message: error.description)
        }
        if users.isEmpty && options.jwks == nil {
            throw StartFailure(
                message: "error: no users in \(options.users), so no one could sign in; add the first one with\n"
                    + "  crisisplan user add ID --name NAME --role admin --users \(options.users)\n"
                    + "(or pass --jwks FILE to accept your organisation's sign-in)")
        }
        if proxies.isEmpty {
            logger.info("X-Forwarded-For is not read (no --trusted-proxy): each client is the address that connected")
        } else {
            logger.info(
                "X-Forwarded-For names the client when the peer is a trusted proxy",
                metadata: ["trusted_proxies": .string(options.trustedProxies.joined(separator: " "))])
        }
        let key = try TokenKey.loadOrCreate(path: options.tokenKey)
        let tokens = try await TokenService.make(
            key: key, jwks: options.jwks, issuer: options.jwtIssuer, audience: options.jwtAudience)
        let cdsClients = try await CDSClientKeys.make(options.cdsClients)
        if !options.cdsClients.isEmpty && options.publicURL == nil {
            // Without it a JWT's `aud` and the cards' links follow the Host header the caller sent.
            logger.warning(
                "--cds-client without --public-url: CDS Hooks tokens are checked against, and card links made from, the host each request names; pass --public-url with the address record systems use")
        }
        let server = try Self.server(options, proxies: proxies)
        // Opened last: every failure after it must close it.
        let audit = try await AuditLog.open(AuditLocation(options.audit), folder: SpillFolder(), logger: logger)
        let pages: PageRenderer
        do {
            pages = try await PageRenderer.load()
        } catch {
            await audit.close()
            throw StartFailure(message: "error: the page templates could not be read: \(error)")
        }
        await store.keepConfirmations(in: audit)

        let router = Router(context: ServerContext.self)
        // Only behind a trusted proxy: every other request is spared the step.
        if !proxies.isEmpty { router.add(middleware: ForwardedForMiddleware(proxies: proxies)) }
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: CDSCORSMiddleware())
        router.add(middleware: APIErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        let unsigned = UnsignedAuditLimit()
        router.add(
            middleware: AuditMiddleware(
                log: audit, pages: pages, nameKey: key.derived("audit-names"), users: users, unsigned: unsigned,
                store: store))
        router.add(middleware: PageErrorMiddleware(pages: pages, tokens: tokens))
        let address = ServiceAddress(publicURL: options.publicURL, scheme: options.tlsCertificate == nil ? "http" : "https")
        let gate = SignInGate(
            tokens: tokens, users: users, pages: pages,
            replay: FormReplay(key: key.derived("form-replay"), secure: options.tlsCertificate != nil),
            cdsClients: cdsClients, address: address)
        router.add(middleware: UnmatchedRouteMiddleware(gate: gate))

        let list = RouteList()
        let answering = AnsweringService(store: store)
        let signIn = SignIn(users: users, tokens: tokens, lockout: Lockout(), passwords: PasswordChecker())
        let checks = LibraryChecks()
        RouteTable(
            api: DeclaredRoutes(group: router.group(), surface: .api, gate: gate, table: list),
            pages: DeclaredRoutes(group: router.group(), surface: .pages, gate: gate, table: list)
        ).register(
            ServiceRoutes(
                health: HealthRoutes(store: store), documents: DocumentRoutes(registry: registry),
                login: LoginRoute(signIn: signIn), people: PeopleRoutes(answering: answering),
                respond: RespondRoute(answering: answering), audit: AuditRoutes(log: audit),
                checks: ChecksRoute(store: store, checks: checks), admin: AdminRoutes(store: store),
                pages: PageRoutes(
                    answering: answering, pages: pages, tokens: tokens, signIn: signIn,
                    secure: options.tlsCertificate != nil, replay: gate.replay),
                training: TrainingRoutes(store: store, pages: pages, tokens: tokens, replay: gate.replay),
                governance: GovernanceRoutes(log: audit, store: store, checks: checks, pages: pages, tokens: tokens),
                cds: CDSRoutes(answering: answering, sent: SentCards(), address: address)))

        var services: [any Service] = [
            ReloadOnSignal(store: store), AuditReplay(log: audit), UsersWatcher(users: users),
            UnrecordedCountRecorder(limit: unsigned, log: audit),
        ]
        if options.watch { services.append(RulesWatcher(store: store, logger: logger)) }
        let scheme = options.tlsCertificate == nil ? "http" : "https"
        let application = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "crisisplan"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                FileHandle.standardOutput.write(
                    Data((startLine(store.library, scheme: scheme, host: options.host, port: port) + "\n").utf8))
            },
            logger: logger)
        return Built(application: application, tokens: tokens, users: users, routes: list, store: store, audit: audit)
    }

    /// Runs until SIGTERM or SIGINT, finishing requests in flight, then closes the audit store.
    /// A failure to listen (a port in use) is one line, and closes what was opened.
    public static func run(_ options: ServeOptions, registry: PrometheusCollectorRegistry) async throws {
        if let code = PortCheck.bindError(host: options.host, port: options.port), let line = listenFailure(errno: code, options) {
            throw StartFailure(message: line)
        }
        let built = try await build(options, registry: registry)
        do {
            try await built.application.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            await built.audit.close()
            throw StartFailure(message: listenFailure(error, options))
        }
        await built.audit.close()
    }

    /// What went wrong when listening, in one line, with what to do.
    static func listenFailure(_ error: any Error, _ options: ServeOptions) -> String {
        if let io = error as? IOError, let line = listenFailure(errno: io.errnoCode, options) { return line }
        return "error: cannot listen on \(options.host):\(options.port): \(String(describing: error).prefix(200))"
    }

    /// The line for a failed bind whose cause the operator can act on; nil for any other.
    static func listenFailure(errno code: Int32, _ options: ServeOptions) -> String? {
        switch code {
        case EADDRINUSE: "error: port \(options.port) is in use (another crisisplan serve?) — stop it or pass --port"
        case EACCES: "error: not allowed to listen on port \(options.port) (ports below 1024 need privileges) — pass --port"
        case EADDRNOTAVAIL: "error: cannot listen on \(options.host): no such address on this machine — pass --host"
        default: nil
        }
    }

    /// HTTP/1.1, over TLS when given a certificate and key (`--tls-cert`, `--tls-key`), with
    /// the connection limits (headers within 10 s, idle connections closed after 60 s, at
    /// most 256 connections per client address) and the headers every response carries.
    static func server(_ options: ServeOptions, proxies: TrustedProxies) throws(StartFailure) -> HTTPServerBuilder {
        let limits = ConnectionLimits(exempt: proxies)
        let tls = options.tlsCertificate != nil
        let configuration = HTTP1Channel.Configuration(
            additionalChannelHandlers: limits.handlers() + [ResponseHeaders(tls: tls)],
            idleTimeout: .seconds(ConnectionLimits.idleSeconds))
        guard let certificate = options.tlsCertificate, let key = options.tlsKey else {
            return .http1(configuration: configuration)
        }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let tls = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            return try .tls(.http1(configuration: configuration), tlsConfiguration: tls)
        } catch {
            throw StartFailure(message: "error: cannot use --tls-cert \(certificate) and --tls-key \(key): \(error)")
        }
    }

    /// `crisisplan serve: listening on http://127.0.0.1:8080 — library Rules (version …), 7 people, …`
    static func startLine(_ library: ServedLibrary?, scheme: String = "http", host: String, port: Int) -> String {
        guard let library else { return "crisisplan serve: listening on \(scheme)://\(host):\(port)" }
        let stale = library.stalePlans.count
        return "crisisplan serve: listening on \(scheme)://\(host):\(port) — library \(library.rules.displayPath)"
            + " (version \(library.version.prefix(12))), \(library.people.count) people, "
            + "\(library.warningCount) warning\(library.warningCount == 1 ? "" : "s")"
            + (stale == 0 ? "" : ", \(stale) plan\(stale == 1 ? "" : "s") failing checks (see GET /v1/admin/status)")
    }
}
