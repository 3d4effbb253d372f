import Foundation
import HummingbirdBcrypt
import NIOPosix
import Synchronization

/// Checks passwords against bcrypt hashes on threads of their own — a hash takes a quarter of
/// a second by design — so that a flood of sign-ins cannot stall anyone else's:
///
/// - at most max(1, cores − 1) checks run at once, leaving a core for lookups and the audit log;
/// - one client address (an IPv6 /64) has at most 2 checks running and 4 waiting; beyond that
///   it is told at once to slow down (429), and no one else is;
/// - waiting checks are served round-robin by address, so a real user's sign-in from
///   elsewhere waits behind at most one check per flooding address;
/// - beyond 64 waiting in all, the answer is at once 503 with `Retry-After`.
public final class PasswordChecker: Sendable {
    static let cost: UInt8 = 12
    static let runningPerAddress = 2
    static let waitingPerAddress = 4
    static let waitingOverall = 64

    enum Busy: Error, Equatable {
        /// This address has too many checks running and waiting.
        case address
        /// Too many checks are waiting overall.
        case overall
    }

    private let pool: NIOThreadPool
    private let capacity: Int
    /// Compared against when the user does not exist, so an unknown name takes as long as a
    /// known one and the timing does not tell which names exist.
    private let decoy = Bcrypt.hash("crisisplan-decoy-password", cost: PasswordChecker.cost)

    private struct Queue {
        var running = 0
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private struct State {
        var running = 0
        var waiting = 0
        var queues: [String: Queue] = [:]
        /// Addresses with checks waiting, in the order they are served.
        var turns: [String] = []
    }
    private let state = Mutex(State())

    init(threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount - 1)) {
        capacity = threads
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Whether `password` matches `hash` (nil: the decoy is checked, and the answer is no).
    func matches(_ password: String, hash: String?, client: String) async throws(Busy) -> Bool {
        let address = ClientAddress.key(client)
        try await acquire(address)
        defer { release(address) }
        let decoy = decoy
        // bcrypt reads only the first 72 bytes: a longer password would match on its start
        // alone. It is refused, after the same work as any other.
        let tooLong = password.utf8.count > Self.maximumBytes
        let matched = try? await pool.runIfActive { Bcrypt.verify(password, hash: tooLong ? decoy : hash ?? decoy) }
        return hash != nil && !tooLong && matched == true
    }

    /// The longest password bcrypt checks whole, in bytes of UTF-8.
    public static let maximumBytes = 72

    private func acquire(_ address: String) async throws(Busy) {
        let admitted: Result<Bool, Busy> = state.withLock { state in
            let queue = state.queues[address] ?? Queue()
            if queue.running < Self.runningPerAddress, state.running < capacity, queue.waiting.isEmpty {
                state.running += 1
                state.queues[address, default: Queue()].running += 1
                return .success(true)
            }
            if queue.running + queue.waiting.count >= Self.runningPerAddress + Self.waitingPerAddress {
                return .failure(.address)
            }
            if state.waiting >= Self.waitingOverall { return .failure(.overall) }
            return .success(false)
        }
        switch admitted {
        case .failure(let busy): throw busy
        case .success(true): return
        case .success(false): break
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            state.withLock { state in
                state.waiting += 1
                state.queues[address, default: Queue()].waiting.append(continuation)
                if !state.turns.contains(address) { state.turns.append(address) }
            }
            dispatch()
        }
    }

    private func release(_ address: String) {
        state.withLock { state in
            state.running -= 1
            state.queues[address]?.running -= 1
            if let queue = state.queues[address], queue.running == 0, queue.waiting.isEmpty {
                state.queues[address] = nil
            }
        }
        dispatch()
    }

    /// Starts waiting checks while there is room, taking addresses in turn.
    private func dispatch() {
        while true {
            let next: CheckedContinuation<Void, Never>? = state.withLock { state in
                guard state.running < capacity else { return nil }
                for _ in state.turns.indices {
                    let address = state.turns.removeFirst()
                    guard var queue = state.queues[address], !queue.waiting.isEmpty else { continue }
                    guard queue.running < Self.runningPerAddress else {
                        state.turns.append(address)
                        continue
                    }
                    let continuation = queue.waiting.removeFirst()
                    queue.running += 1
                    state.queues[address] = queue
                    state.running += 1
                    state.waiting -= 1
                    if !queue.waiting.isEmpty { state.turns.append(address) }
                    return continuation
                }
                return nil
            }
            guard let next else { return }
            next.resume()
        }
    }

    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }
}
