/// Wraps text to a width for a terminal, keeping words whole.
public enum TextWrapper {
    /// `text` wrapped to `width` columns; the first line starts with `first`, the rest with
    /// `rest` (usually spaces the width of `first`).
    public static func wrap(_ text: String, width: Int = 80, first: String, rest: String) -> String {
        var lines: [String] = []
        var line = first
        var lineHasWord = false
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if lineHasWord && line.count + 1 + word.count > width {
                lines.append(line)
                line = rest
                lineHasWord = false
            }
            line += (lineHasWord ? " " : "") + word
            lineHasWord = true
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }
}
