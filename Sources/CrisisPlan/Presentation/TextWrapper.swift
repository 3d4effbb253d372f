import Foundation

/// Wraps text to a width for a terminal, keeping words whole where they fit.
///
/// Widths are terminal cells (`DisplayWidth`), so a line of wide characters wraps at half
/// the characters; a word longer than a whole line is broken across lines rather than
/// overflowing (SPEC v2 §6: no line over 80 cells). Line breaks inside the text are spaces, and
/// control characters are shown visibly (`TerminalText`), so no field can forge a line.
public enum TextWrapper {
    /// `text` wrapped to `width` cells; the first line starts with `first`, the rest with
    /// `rest` (usually spaces the width of `first`).
    public static func wrap(_ text: String, width: Int = 80, first: String, rest: String) -> String {
        var lines: [String] = []
        var line = first
        var used = DisplayWidth.of(first)
        var lineHasWord = false
        let restWidth = DisplayWidth.of(rest)
        func newLine() {
            lines.append(line)
            line = rest
            used = restWidth
            lineHasWord = false
        }
        let safe = TerminalText.visible(text.replacingOccurrences(of: "\n", with: " "))
        do {
            for word in safe.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r\n" }) {
                let wordWidth = DisplayWidth.of(word)
                if lineHasWord && used + 1 + wordWidth > width { newLine() }
                if lineHasWord {
                    line += " "
                    used += 1
                }
                if used + wordWidth <= width {
                    line += word
                    used += wordWidth
                } else {
                    // Longer than a line: break it, a character at a time.
                    for character in word {
                        let cells = DisplayWidth.of(character)
                        if used + cells > width && used > restWidth { newLine() }
                        line.append(character)
                        used += cells
                    }
                }
                lineHasWord = true
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
