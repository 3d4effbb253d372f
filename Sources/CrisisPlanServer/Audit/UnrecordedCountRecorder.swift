import CrisisPlan
import Foundation
import ServiceLifecycle

/// Writes, just after each minute ends, one record per address that sent requests not signed
/// in beyond the 60 a minute that are recorded, and then went quiet: action `unrecorded`, the
/// address, and the count in `suppressed`. An address that keeps sending carries its count in
/// its next record instead (`UnsignedAuditLimit`); either way each count is recorded once. On
/// shutdown the minute under way is recorded too.
struct UnrecordedCountRecorder: Service {
    let limit: UnsignedAuditLimit
    let log: AuditLog

    func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = Timestamp.now().seconds
            // Until a second after the minute ends, or at once when the service is stopping.
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(60 - now % 60 + 1)) }
            await record(before: Timestamp.now().seconds / 60)
        }
        await record(before: .max)
    }

    /// Records the counts of the minutes before `minute`.
    func record(before minute: Int64) async {
        for (client, count) in limit.drain(before: minute) {
            let event = AuditEvent(
                time: AuditEvent.time(Timestamp.now()), requestID: UUID().uuidString.lowercased(), user: nil, role: nil,
                action: "unrecorded", method: "", path: "", person: nil, query: nil, observation: nil, stage: nil,
                flags: nil, status: 0, rulesVersion: nil, client: client, suppressed: count)
            // The store may be down: the spill file keeps it then, and a failure is logged there.
            try? await log.record(event)
        }
    }
}
