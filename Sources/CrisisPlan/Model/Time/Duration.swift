/// A length of time written as a positive whole number and a unit: `30m`, `72h`, `7d`, `2w`.
public struct PolicyDuration: Sendable, Hashable, CustomStringConvertible {
    public let seconds: Int64
    /// The text as written, for messages and answers.
    public let text: String

    public init?(parsing text: String) {
        guard let unit = text.last, text.count >= 2 else { return nil }
        let multiplier: Int64
        switch unit {
        case "m": multiplier = 60
        case "h": multiplier = 3600
        case "d": multiplier = 86_400
        case "w": multiplier = 604_800
        default: return nil
        }
        let digits = text.dropLast()
        guard digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let count = Int64(digits), count > 0
        else { return nil }
        self.seconds = count * multiplier
        self.text = text
    }

    public var description: String { text }
}
