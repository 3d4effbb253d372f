import Synchronization

/// Runs an operation against the audit store, giving up after a deadline: the store may be
/// away (PostgreSQL stopped, a disk hung), and a request must not wait on it for long. The
/// operation may still finish after; a record then stored twice is ignored by the store.
enum Deadline {
    struct Passed: Error {}

    static func run(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let outcome = FirstOutcome(continuation)
            Task {
                do {
                    try await operation()
                    outcome.resume(with: .success(()))
                } catch {
                    outcome.resume(with: .failure(error))
                }
            }
            Task {
                try? await Task.sleep(for: limit)
                outcome.resume(with: .failure(Passed()))
            }
        }
    }

    /// A continuation resumed by whichever comes first: the operation or the deadline.
    private final class FirstOutcome: Sendable {
        private let continuation: Mutex<CheckedContinuation<Void, any Error>?>
        init(_ continuation: CheckedContinuation<Void, any Error>) { self.continuation = Mutex(continuation) }
        func resume(with result: Result<Void, any Error>) { continuation.withLock { $0.take() }?.resume(with: result) }
    }
}
