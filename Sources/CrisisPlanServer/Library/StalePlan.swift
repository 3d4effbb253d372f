import CrisisPlan

/// A plan whose latest edit fails `check` (SPEC v2 §9 "Reload"): listed in `/readyz`.
///
/// When an earlier version passed, that version is still served (`served`), and every answer
/// from it carries `plan-has-unchecked-edits`; a person whose file never passed is not served.
struct StalePlan: Sendable {
    var id: String
    var errors: [String]
    /// When the errors were first seen; an unbroken run of failed reloads keeps the first.
    var since: Timestamp
    /// When the version still served passed its checks; `nil` when nothing is served.
    var servedVersionLoadedAt: Timestamp?

    var served: Bool { servedVersionLoadedAt != nil }
}
