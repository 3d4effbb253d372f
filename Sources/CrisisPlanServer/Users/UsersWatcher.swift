import ServiceLifecycle

/// Reads the users file again within a second of its changing, so a removed user, a new
/// password or a changed role ends the old tokens at once — not at the next sign-in or reload.
struct UsersWatcher: Service {
    let users: UserDirectory

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            users.refreshIfChanged()
        }
    }
}
