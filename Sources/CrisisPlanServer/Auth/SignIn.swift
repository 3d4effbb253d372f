import CrisisPlan
import Foundation

/// One sign-in attempt, for the API's `POST /v1/login` and the sign-in page alike: the
/// lock-out first, then the password (or the decoy, for an unknown name), then a token.
struct SignIn: Sendable {
    let users: UserDirectory
    let tokens: TokenService
    let lockout: Lockout
    let passwords: PasswordChecker

    /// The account and its new token; `APIError.lockedOut` or `.wrongSignIn` otherwise.
    func attempt(user name: String, password: String, context: ServerContext) async throws
        -> (account: UserAccount, token: String, expires: Date)
    {
        context.audit.update { $0.attemptedUser = name }
        users.refreshIfChanged()
        let account = users.account(name)
        let now = Timestamp.now()
        let client = ClientAddress.key(context.client)
        if let seconds = lockout.lockedFor(user: name, client: client, now: now, unlockedAt: account?.unlockedAt) {
            throw APIError.lockedOut(seconds: seconds)
        }
        let matched: Bool
        let left: Int
        do throws(PasswordChecker.Busy) {
            // Counted as a failure before the quarter-second check, and forgiven only if it
            // succeeds: a burst of parallel guesses cannot all pass the lock-out while they wait.
            left = lockout.recordFailure(user: name, client: client, now: now, unlockedAt: account?.unlockedAt)
            matched = try await passwords.matches(password, hash: account?.passwordHash, client: context.client)
        } catch {
            // Turned away unchecked: not a failed guess.
            lockout.forgiveLastFailure(user: name, client: client)
            throw error == .address ? APIError.signInBusyForAddress : APIError.signInBusy
        }
        guard matched, let account else {
            throw left == 1 ? APIError.wrongSignInLastTry : left == 0 ? APIError.wrongSignInNowLocked : APIError.wrongSignIn
        }
        lockout.recordSuccess(user: name, client: client)
        let issued = try await tokens.issue(for: account)
        context.audit.update { $0.user = SignedInUser(id: account.id, role: account.role, tokenID: nil) }
        return (account, issued.token, issued.expires)
    }
}
