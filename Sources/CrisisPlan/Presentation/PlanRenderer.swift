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
        var out = [document.title.uppercased(), document.subtitle]
        for section in document.sections {
            out.append("")
            out.append(TextWrapper.wrap(section.title, first: "", rest: "  "))
            for (index, line) in section.lines.enumerated() {
                let bullet = section.ordered ? "\(index + 1). " : "- "
                out.append(
                    TextWrapper.wrap(line, first: "  " + bullet, rest: String(repeating: " ", count: 2 + bullet.count)))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func markdown(_ document: PlanDocument) -> String {
        var out = ["# \(document.title)", "", document.subtitle]
        for section in document.sections {
            out += ["", "## \(section.title)", ""]
            for (index, line) in section.lines.enumerated() {
                out.append((section.ordered ? "\(index + 1). " : "- ") + line)
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
            "li{margin:.15rem 0}@media print{body{margin:0;font-size:10.5pt}h2{break-after:avoid}}",
            "</style>", "</head>", "<body>", "<main>",
            "<h1>\(MarkupEscaping.escape(document.title))</h1>", "<p>\(MarkupEscaping.escape(document.subtitle))</p>",
        ]
        for section in document.sections {
            out.append("<section>")
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
}
