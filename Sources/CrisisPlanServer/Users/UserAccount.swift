import Foundation
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
    /// Random, new whenever the user is added, their password changes or their role does:
    /// every token and session cookie carries it, so one issued before no longer works — a
    /// user removed and added again under the same id never gets their old tokens back.
    public var epoch: String

    public init(
        id: String, name: String, role: Role, passwordHash: String, unlockedAt: Timestamp? = nil,
        epoch: String = UserAccount.newEpoch()
    ) {
        self.id = id
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.unlockedAt = unlockedAt
        self.epoch = epoch
    }

    /// 128 random bits, as hexadecimal.
    public static func newEpoch() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(format: "%08x", generator.next() as UInt32) }.joined()
    }
}

import CrisisPlan
