import CrisisPlan
import Synchronization

/// Five failed sign-ins for one user name from one client address within 15 minutes lock
/// that name out from that address for 15 minutes (SPEC v2 §9). Unknown names count alike, so
/// the answer never tells whether a user exists. `crisisplan user unlock` ends a lock-out by
/// writing `unlocked_at` to the users file: failures and lock-outs before it no longer count.
final class Lockout: Sendable {
    static let limit = 5
    static let window: Int64 = 15 * 60

    private struct Key: Hashable {
        var user: String
        var client: String
    }
    private struct Record {
        var failures: [Int64] = []
        var lockedAt: Int64?
    }
    private let table = Mutex<[Key: Record]>([:])

    /// Seconds until the lock-out ends, or nil when sign-in may be tried.
    func lockedFor(user: String, client: String, now: Timestamp, unlockedAt: Timestamp?) -> Int64? {
        table.withLock { table in
            guard let lockedAt = table[Key(user: user, client: client)]?.lockedAt else { return nil }
            let end = lockedAt + Self.window
            // Over, or ended by `crisisplan user unlock` since it began.
            guard end > now.seconds, (unlockedAt?.seconds ?? Int64.min) < lockedAt else {
                table[Key(user: user, client: client)] = nil
                return nil
            }
            return end - now.seconds
        }
    }

    /// Counts a failure; the fifth within the window starts a lock-out. Returns how many tries
    /// are left before it (0 when this one started it).
    @discardableResult
    func recordFailure(user: String, client: String, now: Timestamp, unlockedAt: Timestamp?) -> Int {
        table.withLock { table in
            let key = Key(user: user, client: client)
            var record = table[key] ?? Record()
            record.failures = record.failures.filter {
                $0 > now.seconds - Self.window && $0 >= (unlockedAt?.seconds ?? Int64.min)
            }
            record.failures.append(now.seconds)
            let left = max(0, Self.limit - record.failures.count)
            if record.failures.count >= Self.limit {
                record.lockedAt = now.seconds
                record.failures = []
            }
            table[key] = record
            // Bounded: an address trying many names cannot grow the table without end.
            if table.count > 100_000 {
                table = table.filter { ($0.value.lockedAt ?? $0.value.failures.last ?? 0) > now.seconds - Self.window }
            }
            return left
        }
    }

    /// Takes back the failure counted for a check that was turned away before it ran.
    func forgiveLastFailure(user: String, client: String) {
        table.withLock { table in
            let key = Key(user: user, client: client)
            guard var record = table[key], !record.failures.isEmpty else { return }
            record.failures.removeLast()
            table[key] = record
        }
    }

    func recordSuccess(user: String, client: String) {
        _ = table.withLock { $0.removeValue(forKey: Key(user: user, client: client)) }
    }
}
