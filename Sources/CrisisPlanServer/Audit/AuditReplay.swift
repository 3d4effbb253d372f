import ServiceLifecycle

/// Every second, moves spilled records into the store once it is back, even when no request
/// comes to trigger a write.
struct AuditReplay: Service {
    let log: AuditLog

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            try? await Task.sleep(for: .seconds(1))
            log.kick()
        }
    }
}
