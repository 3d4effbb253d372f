import ArgumentParser
import CrisisPlan
import CrisisPlanServer
import Logging
import Metrics
import Prometheus

/// `crisisplan serve`: the same answers over HTTP for everyone on shift (SPEC v2 §9).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the answers over HTTP, with sign-in, roles, an audit log and pages (see /openapi.yaml), reloaded safely.")

    @Option(name: .long, help: "The address to listen on (loopback unless told otherwise).")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free one (named in the start-up line).")
    var port = 8080

    @ArgumentParser.Flag(name: .long, help: "Do not reload when files under the rules folder change.")
    var noWatch = false

    @Option(name: .long, help: ArgumentHelp("Who may sign in (made by crisisplan user add).", valueName: "FILE"))
    var users = "users.yaml"

    @Option(
        name: .long,
        help: ArgumentHelp("The audit store: sqlite:PATH or postgresql://USER@HOST:PORT/DB.", valueName: "URL"))
    var audit = "sqlite:audit.sqlite"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The key that signs tokens and cookies, made on first start; give every instance the same file.",
            valueName: "FILE"))
    var tokenKey = "token.key"

    @Option(
        name: .long, help: ArgumentHelp("Also accept JWTs signed by the keys in this JSON Web Key Set.", valueName: "FILE"))
    var jwks: String?

    @Option(name: .long, help: ArgumentHelp("With --jwks: the issuer (iss) JWTs must name.", valueName: "ISS"))
    var jwtIssuer: String?

    @Option(name: .long, help: ArgumentHelp("With --jwks: the audience (aud) JWTs must name.", valueName: "AUD"))
    var jwtAudience: String?

    @Option(name: .long, help: ArgumentHelp("Serve HTTPS with this PEM certificate chain (with --tls-key).", valueName: "FILE"))
    var tlsCert: String?

    @Option(name: .long, help: ArgumentHelp("The PEM private key for --tls-cert.", valueName: "FILE"))
    var tlsKey: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "A record system allowed to call the CDS Hooks service (/cds-services): its JWT issuer and the JSON Web Key Set file of its public keys. Repeat for each.",
            valueName: "ISS=JWKS_FILE"))
    var cdsClient: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The address people and record systems reach this service at, like https://crisis.example.org: card links and CDS Hooks JWT audiences are made from it (default: the request's host).",
            valueName: "URL"))
    var publicURL: String?

    @Option(
        name: .long, parsing: .upToNextOption,
        help: ArgumentHelp(
            "Proxies in front of the service (CIDR ranges): from them, the client is the right-most X-Forwarded-For address that is not a trusted proxy.",
            valueName: "CIDR"))
    var trustedProxy: [String] = []

    @OptionGroup var rulesOptions: RulesOptions

    func run() async throws {
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            throw UsageFailure(message: "error: --public-url takes an address starting https:// (or http://); found '\(publicURL)'")
        }
        let rules = try rulesOptions.directory()
        if jwks == nil, jwtIssuer != nil || jwtAudience != nil {
            throw UsageFailure(message: "error: --jwt-issuer and --jwt-audience need --jwks FILE")
        }
        guard (0...65_535).contains(port) else {
            throw UsageFailure(message: "error: --port takes 0 to 65535, not \(port)")
        }
        if (tlsCert == nil) != (tlsKey == nil) {
            throw UsageFailure(message: "error: --tls-cert and --tls-key go together: give both, or neither for plain HTTP")
        }
        LoggingSystem.bootstrap { label in
            var handler = LazyMetadataLogHandler(label: label)
            handler.logLevel = .info
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Pages render in well under a millisecond: buckets fine enough to read a p50 from.
        factory.durationHistogramBuckets["crisisplan_page_render_seconds"] = [
            .microseconds(100), .microseconds(200), .microseconds(300), .microseconds(500), .microseconds(750),
            .milliseconds(1), .milliseconds(1.25), .milliseconds(1.5), .milliseconds(1.75), .milliseconds(2),
            .milliseconds(3), .milliseconds(5), .milliseconds(10),
        ]
        MetricsSystem.bootstrap(factory)
        var options = ServeOptions(
            rules: rules, host: host, port: port, watch: !noWatch, users: users, audit: audit, tokenKey: tokenKey,
            jwks: jwks, jwtIssuer: jwtIssuer, jwtAudience: jwtAudience, tlsCertificate: tlsCert, tlsKey: tlsKey)
        options.cdsClients = cdsClient
        options.publicURL = publicURL
        options.trustedProxies = trustedProxy
        do {
            try await CrisisPlanServer.run(options, registry: registry)
        } catch let failure as StartFailure {
            throw UsageFailure(message: failure.message)
        }
    }
}
