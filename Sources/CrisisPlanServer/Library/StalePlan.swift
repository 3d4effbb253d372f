import CrisisPlan

/// A plan whose latest edit is not served: it fails `check`, or it drops a do-not-contact
/// entry and waits for an admin to confirm it. Counted in `/readyz`, listed in
/// `/v1/admin/status`.
///
/// When an earlier version passed, that version is still served (`served`), and every answer
/// from it carries `plan-has-unchecked-edits`; a person whose file never passed is not served.
struct StalePlan: Sendable {
    enum Reason: String, Sendable {
        case checkFailed = "check-failed"
        case doNotContactRemoved = "do-not-contact-removed"
    }

    var id: String
    var errors: [String]
    var reason: Reason = .checkFailed
    /// When the errors were first seen; an unbroken run of failed reloads keeps the first.
    var since: Timestamp
    /// When the version still served passed its checks; `nil` when nothing is served.
    var servedVersionLoadedAt: Timestamp?

    var served: Bool { servedVersionLoadedAt != nil }
}
