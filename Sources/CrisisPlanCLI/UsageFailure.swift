import CrisisPlan
import Foundation

/// Bad input or usage: printed on standard error, exit code 2.
struct UsageFailure: Error {
    var message: String
}

/// Writes a message to standard error, ending it with a line break.
func standardError(_ message: String) {
    var text = TerminalText.visible(message, keepingLineBreaks: true)
    if !text.hasSuffix("\n") { text += "\n" }
    FileHandle.standardError.write(Data(text.utf8))
}
