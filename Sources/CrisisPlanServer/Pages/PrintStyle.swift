import CrisisPlan

/// The print view's page furniture for one person (served as its own stylesheet, since the
/// Content-Security-Policy allows no inline style): their name and the plan's date at the top
/// of every printed page, the page number at the foot.
enum PrintStyle {
    static func css(_ plan: Plan) -> String {
        let head = "\(plan.person.name) – crisis and safety plan agreed \(plan.dates.agreed)"
        return """
            @page {
              margin: 18mm 15mm;
              @top-center { content: "\(escaped(head))"; font: 9pt Arial, sans-serif; }
              @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 9pt Arial, sans-serif; }
            }

            """
    }

    /// A CSS string: quotes and backslashes escaped, line breaks dropped.
    static func escaped(_ text: String) -> String {
        text.unicodeScalars.map { scalar -> String in
            switch scalar {
            case "\"", "\\": "\\" + String(scalar)
            case "\n", "\r", "<", ">": " "
            default: String(scalar)
            }
        }.joined()
    }
}
