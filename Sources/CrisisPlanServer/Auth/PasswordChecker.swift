import HummingbirdBcrypt
import NIOPosix

/// Checks passwords against bcrypt hashes on threads of its own: a hash takes a quarter of a
/// second by design, and a burst of sign-ins must not hold up the threads that answer
/// lookups or write the audit log.
public final class PasswordChecker: Sendable {
    private let pool: NIOThreadPool
    /// Compared against when the user does not exist, so an unknown name takes as long as a
    /// known one and the timing does not tell which names exist.
    private let decoy = Bcrypt.hash("crisisplan-decoy-password", cost: PasswordChecker.cost)

    static let cost: UInt8 = 12

    init() {
        pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
    }

    func matches(_ password: String, hash: String?) async -> Bool {
        let decoy = decoy
        let matched = try? await pool.runIfActive { Bcrypt.verify(password, hash: hash ?? decoy) }
        return hash != nil && matched == true
    }

    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }
}
