import CrisisPlan
import Foundation

/// One stored audit record read back for people to scan — `audit list` and the governance
/// page both show these fields — every text a client could have sent made terminal-safe.
struct AuditRecordSummary {
    var time: String
    /// `alex (crisis)`, or the name tried at a failed sign-in.
    var user: String
    var action: String
    var person: String
    var status: Int
    var stage: String?
    var flags: [String]
    var requestID: String
    /// Requests not signed in that went unrecorded in the minute before.
    var suppressed: Int?

    /// Nil when the stored record is not JSON (it is then named by instance and number).
    init?(_ entry: AuditEntry) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(entry.record.utf8)) as? [String: Any] else {
            return nil
        }
        time = entry.time
        user = TerminalText.visible((object["user"] as? String ?? "-") + ((object["role"] as? String).map { " (\($0))" } ?? ""))
        action = TerminalText.visible(object["action"] as? String ?? "-")
        person = TerminalText.visible(entry.person ?? "-")
        status = (object["status"] as? NSNumber)?.intValue ?? 0
        stage = (object["stage"] as? String).map { TerminalText.visible($0) }
        flags = (object["flags"] as? [String] ?? []).map { TerminalText.visible($0) }
        requestID = TerminalText.visible(object["request_id"] as? String ?? "-")
        suppressed = (object["suppressed"] as? NSNumber)?.intValue
    }
}
