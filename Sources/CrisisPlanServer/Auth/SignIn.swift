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
        if let seconds = lockout.lockedFor(user: name, client: context.client, now: now, unlockedAt: account?.unlockedAt) {
            throw APIError.lockedOut(seconds: seconds)
        }
        // Counted as a failure before the quarter-second check, and forgiven only if it
        // succeeds: a burst of parallel guesses cannot all pass the lock-out while they wait.
        lockout.recordFailure(user: name, client: context.client, now: now, unlockedAt: account?.unlockedAt)
        guard await passwords.matches(password, hash: account?.passwordHash), let account else {
            throw APIError.wrongSignIn
        }
        lockout.recordSuccess(user: name, client: context.client)
        let issued = try await tokens.issue(for: account)
        context.audit.update { $0.user = SignedInUser(id: account.id, role: account.role, tokenID: nil) }
        return (account, issued.token, issued.expires)
    }
}
