/// Renders a `PlanDocument` as text, Markdown or a standalone, accessible HTML page.
public enum PlanRenderer {
    public enum Format: String, Sendable, CaseIterable {
        case text
        case markdown
        case html
    }

    public static func render(_ document: PlanDocument, as format: Format) -> String {
        switch format {
        case .text: text(document)
        case .markdown: markdown(document)
        case .html: html(document)
        }
    }

    private static func text(_ document: PlanDocument) -> String {
        var out = [
            TextWrapper.wrap(document.title.uppercased(), first: "", rest: "  "),
            TextWrapper.wrap(document.subtitle, first: "", rest: "  "),
        ]
        if let notice = document.overdueNotice { out += ["", TextWrapper.wrap("NOTICE: " + notice, first: "", rest: "  ")] }
        for section in document.sections {
            out.append("")
            let title = section.critical ? "!! " + section.title.uppercased() + " !!" : section.title
            out.append(TextWrapper.wrap(title, first: "", rest: "  "))
            for (index, line) in section.lines.enumerated() {
                let bullet = section.ordered ? "\(index + 1). " : "- "
                out.append(
                    TextWrapper.wrap(line, first: "  " + bullet, rest: String(repeating: " ", count: 2 + bullet.count)))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func markdown(_ document: PlanDocument) -> String {
        var out = ["# " + MarkupEscaping.markdown(document.title), "", MarkupEscaping.markdown(document.subtitle)]
        if let notice = document.overdueNotice {
            out += ["", "> **Overdue for review.** " + MarkupEscaping.markdown(notice)]
        }
        for section in document.sections {
            out += ["", "## " + (section.critical ? "⚠ " : "") + MarkupEscaping.markdown(section.title), ""]
            for (index, line) in section.lines.enumerated() {
                out.append((section.ordered ? "\(index + 1). " : "- ") + MarkupEscaping.markdown(line))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func html(_ document: PlanDocument) -> String {
        var out = [
            "<!DOCTYPE html>", "<html lang=\"en-GB\">", "<head>", "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<title>\(MarkupEscaping.escape(document.title))</title>",
            "<style>",
            "body{font-family:system-ui,sans-serif;font-size:1rem;line-height:1.5;color:#111;background:#fff;max-width:48rem;margin:1.5rem auto;padding:0 1rem}",
            "h1{font-size:1.6rem;margin-bottom:.25rem}h2{font-size:1.15rem;margin:1.25rem 0 .25rem;border-bottom:2px solid #111}",
            "li{margin:.15rem 0}section{break-inside:avoid}",
            ".critical{border:3px solid #111;padding:.25rem .75rem .5rem;margin:1rem 0}.critical h2{border:0;margin-top:.25rem}",
            ".notice{border-left:6px solid #111;padding:.5rem .75rem;font-weight:bold}",
            // Printed: the person's name and plan date on every page, and page N of M.
            "@page{size:A4;margin:20mm 16mm 22mm;@top-left{content:\"\(Self.cssString(document.runningHead))\";font-size:9pt;font-family:system-ui,sans-serif}",
            "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font-size:9pt;font-family:system-ui,sans-serif}}",
            "@media print{body{margin:0;max-width:none;font-size:10.5pt}h2{break-after:avoid}li{break-inside:avoid}}",
            "</style>", "</head>", "<body>", "<main>",
            "<h1>\(MarkupEscaping.escape(document.title))</h1>", "<p>\(MarkupEscaping.escape(document.subtitle))</p>",
        ]
        if let notice = document.overdueNotice {
            out.append("<p class=\"notice\" role=\"note\">Overdue for review. \(MarkupEscaping.escape(notice))</p>")
        }
        for section in document.sections {
            out.append(section.critical ? "<section class=\"critical\">" : "<section>")
            out.append("<h2>\(MarkupEscaping.escape(section.title))</h2>")
            let list = section.ordered ? "ol" : "ul"
            out.append("<\(list)>")
            for line in section.lines { out.append("<li>\(MarkupEscaping.escape(line))</li>") }
            out.append("</\(list)>")
            out.append("</section>")
        }
        out += ["</main>", "</body>", "</html>"]
        return out.joined(separator: "\n") + "\n"
    }

    /// Text as a CSS string's contents: quotes and backslashes escaped, line breaks and
    /// anything that could close the style element removed.
    static func cssString(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\"", "\\": out += "\\" + String(character)
            case "<", ">", "\n", "\r": out += " "
            default: out.append(character)
            }
        }
        return out
    }
}
