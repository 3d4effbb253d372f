/// A record system calling a CDS Hooks route, vouched for by a JWT signed with one of the keys
/// its `--cds-client` names. Not a user of ours: it may call `/cds-services/*` and nothing
/// else, and its records name the user it says is at the screen (`context.userId`).
struct CDSCaller: Sendable, Equatable {
    static let role = "cds-client"
    /// The JWT's `iss`, as allowed by `--cds-client ISS=JWKS_FILE`.
    var issuer: String
    /// `context.userId` from the hook's body (`Practitioner/123`), once read.
    var userId: String?

    /// The audit record's user: who the record system says is at the screen, else the system.
    var recordedUser: String { userId ?? "cds:" + issuer }
}
