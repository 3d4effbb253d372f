import CrisisPlan
import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import Logging
import Metrics
import Prometheus
import ServiceLifecycle

/// `crisisplan serve`: the answers of SPEC §6 over HTTP (§9), from a library loaded once and
/// reloaded safely.
///
/// The request path is middleware around routes around the served library: request ids,
/// security headers and the error shape outermost, then metrics, then the audit record, then
/// sign-in and roles (checked in one place), then the routes.
public enum CrisisPlanServer {
    /// Loads the library, then serves until SIGTERM or SIGINT, finishing requests in flight.
    public static func run(_ options: ServeOptions) async throws {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .info
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Pages render in well under a millisecond: buckets fine enough to read a p50 from.
        factory.durationHistogramBuckets[PageRenderer.timerLabel] = [
            .microseconds(100), .microseconds(200), .microseconds(300), .microseconds(500), .microseconds(750),
            .milliseconds(1), .milliseconds(1.25), .milliseconds(1.5), .milliseconds(1.75), .milliseconds(2), .milliseconds(3),
            .milliseconds(5), .milliseconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        let logger = Logger(label: "crisisplan.serve")

        let users = UserDirectory(file: UsersFile(path: options.users))
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
        let tokens = try await TokenService.make(
            key: TokenKey.loadOrCreate(path: options.tokenKey), jwks: options.jwks, issuer: options.jwtIssuer,
            audience: options.jwtAudience)
        let audit = try await AuditLog.open(AuditLocation(options.audit), folder: SpillFolder(), logger: logger)

        let router = Router(context: ServerContext.self)
        router.add(middleware: RequestIDMiddleware())
        let server = try Self.server(options)
        router.add(middleware: SecurityHeadersMiddleware(tls: options.tlsCertificate != nil))
        router.add(middleware: APIErrorMiddleware())
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: AuditMiddleware(log: audit))
        let pages = try await PageRenderer.load()
        router.add(middleware: AccessMiddleware(tokens: tokens, users: users, pages: pages))
        router.add(middleware: PageErrorMiddleware(pages: pages, tokens: tokens))
        let signIn = SignIn(users: users, tokens: tokens, lockout: Lockout(), passwords: PasswordChecker())
        LoginRoute(signIn: signIn).register(on: router)
        PageRoutes(store: store, pages: pages, tokens: tokens, signIn: signIn, secure: options.tlsCertificate != nil)
            .register(on: router)
        TrainingRoutes(store: store, pages: pages, tokens: tokens).register(on: router)
        AuditRoutes(log: audit).register(on: router)
        HealthRoutes(store: store).register(on: router)
        PeopleRoutes(store: store).register(on: router)
        RespondRoute(store: store).register(on: router)
        AdminRoutes(store: store).register(on: router)
        ChecksRoute(store: store).register(on: router)
        DocumentRoutes(registry: registry).register(on: router)

        var services: [any Service] = [ReloadOnSignal(store: store), AuditReplay(log: audit)]
        if options.watch { services.append(RulesWatcher(store: store, logger: logger)) }
        let scheme = options.tlsCertificate == nil ? "http" : "https"
        let app = Application(
            router: router,
            server: server,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "crisisplan"),
            services: services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                FileHandle.standardOutput.write(Data((startLine(store.library, scheme: scheme, host: options.host, port: port) + "\n").utf8))
            },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        await audit.store.close()
    }

    /// HTTP/1.1, over TLS when given a certificate and key (`--tls-cert`, `--tls-key`).
    static func server(_ options: ServeOptions) throws(StartFailure) -> HTTPServerBuilder {
        guard let certificate = options.tlsCertificate, let key = options.tlsKey else { return .http1() }
        do {
            let chain = try NIOSSLCertificate.fromPEMFile(certificate).map { NIOSSLCertificateSource.certificate($0) }
            let configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: chain, privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
            return try .tls(.http1(), tlsConfiguration: configuration)
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
            + (stale == 0 ? "" : ", \(stale) plan\(stale == 1 ? "" : "s") failing checks (see /readyz)")
    }
}
