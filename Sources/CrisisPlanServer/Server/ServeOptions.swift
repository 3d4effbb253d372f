import CrisisPlan

/// What `crisisplan serve` was asked for.
public struct ServeOptions: Sendable {
    public var rules: RulesDirectory
    public var host: String
    public var port: Int
    /// Reload when files under the rules folder change.
    public var watch: Bool
    public var users: String
    /// `sqlite:PATH` or `postgresql://…`.
    public var audit: String
    public var tokenKey: String
    public var jwks: String?
    public var jwtIssuer: String?
    public var jwtAudience: String?
    /// PEM files: with both, the server speaks HTTPS only.
    public var tlsCertificate: String?
    public var tlsKey: String?
    /// `ISSUER=JWKS_FILE`: the record systems allowed to call the CDS Hooks service.
    public var cdsClients: [String] = []
    /// The address users and record systems reach the service at (`https://crisis.example.org`):
    /// card links and a CDS JWT's `aud` are made from it. Else the request's own host.
    public var publicURL: String?
    /// `--trusted-proxy`: CIDR ranges whose `X-Forwarded-For` names the client.
    public var trustedProxies: [String] = []

    public init(
        rules: RulesDirectory, host: String = "127.0.0.1", port: Int = 8080, watch: Bool = true,
        users: String = "users.yaml", audit: String = "sqlite:audit.sqlite", tokenKey: String = "token.key",
        jwks: String? = nil, jwtIssuer: String? = nil, jwtAudience: String? = nil, tlsCertificate: String? = nil,
        tlsKey: String? = nil
    ) {
        self.rules = rules
        self.host = host
        self.port = port
        self.watch = watch
        self.users = users
        self.audit = audit
        self.tokenKey = tokenKey
        self.jwks = jwks
        self.jwtIssuer = jwtIssuer
        self.jwtAudience = jwtAudience
        self.tlsCertificate = tlsCertificate
        self.tlsKey = tlsKey
    }
}

/// The server could not start: the message says why and what to do (exit 2).
public struct StartFailure: Error, Sendable {
    public var message: String
}
