import CrisisPlan

/// What `crisisplan serve` was asked for.
public struct ServeOptions: Sendable {
    public var rules: RulesDirectory
    public var host: String
    public var port: Int
    /// Reload when files under the rules folder change.
    public var watch: Bool

    public init(rules: RulesDirectory, host: String = "127.0.0.1", port: Int = 8080, watch: Bool = true) {
        self.rules = rules
        self.host = host
        self.port = port
        self.watch = watch
    }
}

/// The server could not start: the message says why and what to do (exit 2).
public struct StartFailure: Error, Sendable {
    public var message: String
}
