import Foundation

/// A token's `exp` or `iat` as whole seconds, or nil when it is no time a token could hold
/// (beyond year 9999 either way, or not a number): a signed token with `exp: 1e19` converted
/// as it came trapped and stopped the service for everyone.
enum ClaimTime {
    /// 9999-12-31T23:59:59Z, the last second a timestamp here can be written for.
    static let limit: Double = 253_402_300_799

    static func seconds(_ date: Date) -> Int64? {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, abs(seconds) <= limit else { return nil }
        return Int64(seconds)
    }
}
