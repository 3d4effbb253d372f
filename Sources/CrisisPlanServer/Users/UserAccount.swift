/// One user of the service as the users file holds them: never a password, only its
/// bcrypt hash.
public struct UserAccount: Sendable, Equatable {
    public var id: String
    public var name: String
    public var role: Role
    public var passwordHash: String
    /// When `crisisplan user unlock` last ended a lock-out: failed sign-ins before it no
    /// longer count.
    public var unlockedAt: Timestamp?

    public init(id: String, name: String, role: Role, passwordHash: String, unlockedAt: Timestamp? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.unlockedAt = unlockedAt
    }
}

import CrisisPlan
