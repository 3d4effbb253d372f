import Foundation

/// Whether output goes to a person at a terminal who has not asked for no colour.
enum Terminal {
    static var wantsColor: Bool {
        ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) != 0
    }
}
