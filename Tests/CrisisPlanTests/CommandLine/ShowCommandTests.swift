import Foundation
import Testing

@testable import CrisisPlan

@Suite("crisisplan show, run as a built binary")
struct ShowCommandTests {
    @Test("text puts who must not be contacted first, then the safety plan's order, in the person's words")
    func text() throws {
        let result = try CommandRunner.run(["show", "sam"])
        #expect(result.status == 0)
        let order = [
            "!! THE PEOPLE I DO NOT WANT CONTACTED !!", "This is what helps me to stay well", "These are experiences that upset me",
            "The first things I or others notice", "What works best for me — Early warning signs",
            "When I am unwell, these make me feel safe", "The people I want contacted", "!! TREATMENTS I REFUSE !!",
            "Where my care team and I see things differently",
            "This plan was written by",
        ]
        let positions = order.compactMap { result.stdout.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count && positions == positions.sorted())
        #expect(result.stdout.contains("I stop sleeping more than four hours"))
        #expect(result.stdout.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test("long pronouns, or any long first line, wrap at 80 columns with an indent, as respond's do")
    func longSubtitleWraps() throws {
        let library = try TemporaryLibrary.shipped(changing: [
            "people/sam.yaml": [("  pronouns: they/them\n", "  pronouns: they/them/theirs, or ask me which I use today\n")]
        ])
        defer { library.remove() }
        let result = try CommandRunner.run(["show", "sam", "--rules", "Rules"], in: library.root)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(lines.filter { $0.count > 80 })")
        #expect(lines[1].hasPrefix("Pronouns: they/them/theirs, or ask me which I use today."))
        #expect(lines[2].hasPrefix("  "))
    }

    @Test("printed: do-not-contact and advance decisions set apart, name and page N of M on every page, overdue noticed")
    func printed() throws {
        let page = try CommandRunner.run(["show", "dee", "--format", "html", "--at", "2026-11-24T10:00:00Z"]).stdout
        #expect(page.contains("@top-left{content:\"Dee Evans — crisis and safety plan agreed 2025-11-01\""))
        #expect(page.contains("@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages)"))
        #expect(page.contains("section{break-inside:avoid}"))
        #expect(page.contains("<p class=\"notice\" role=\"note\">Overdue for review. This plan was due for review on 2026-05-01."))
        let sam = try CommandRunner.run(["show", "sam", "--format", "html"]).stdout
        #expect(sam.contains("<section class=\"critical\">\n<h2>The people I do not want contacted</h2>"))
        #expect(sam.contains("<section class=\"critical\">\n<h2>Treatments I refuse</h2>"))
        #expect(!sam.contains("class=\"notice\""))
        let text = try CommandRunner.run(["show", "sam"]).stdout
        #expect(text.contains("!! THE PEOPLE I DO NOT WANT CONTACTED !!"))
    }

    @Test("a refusal made before 18 is shown as not binding, and still a wish to weigh")
    func refusalBefore18() throws {
        let result = try CommandRunner.run(["show", "alex"])
        #expect(result.status == 0)
        let text = result.stdout.replacingOccurrences(of: "\n    ", with: " ")
        #expect(
            text.contains(
                "haloperidol (made 2025-01-15) — not binding: it was made on 2025-01-15, before the person's 18th birthday (MCA 2005 s24(1)); still my wish, to be weighed (MCA 2005 s4(6))"
            ))
    }

    @Test("the whole plan: date of birth, the signs a response is for, contacts' hours, a do-not-contact person's role")
    func wholePlan() throws {
        let result = try CommandRunner.run(["show", "sam"])
        #expect(result.status == 0)
        let text = result.stdout.replacingOccurrences(of: "\n     ", with: " ").replacingOccurrences(of: "\n    ", with: " ")
        #expect(text.contains("Born 1994-05-02."))
        #expect(text.contains("My supporters: Text me rather than ring; please don't turn up unannounced (when: I stop sleeping more than four hours)"), "\(text)")
        #expect(text.contains("Home Treatment Team (24 hours): 0300 555 0100 (hours: 24h)"))
        #expect(text.contains("Mark Taylor (father), even as nearest relative — I do not want my father told anything about my health."), "\(text)")
        let hours = try ContactHours.parse(["Mon-Fri 09:00-17:00", "Sat 10:00-14:00", "Sun 08:30-09:15"]).get()
        #expect(hours.written == "Mon-Fri 09:00-17:00, Sat 10:00-14:00, Sun 08:30-09:15")
    }

    @Test("every attorney is shown as the answer judges them: kind, registration date, and why one cannot act")
    func attorneys() throws {
        let result = try CommandRunner.run(["show", "priya"])
        #expect(result.status == 0)
        let text = result.stdout.replacingOccurrences(of: "\n    ", with: " ")
        #expect(text.contains("Dev Shah — health and welfare; registered on 2025-05-20; covers: all"))
        #expect(!text.contains("not registered"))

        let plan = SafetyV3Tests.plan.replacingOccurrences(
            of: "{contact: lee, type: property_and_affairs, made: 2025-01-01, registered_on: 2025-03-01}",
            with: "{contact: lee, type: property_and_affairs, made: 2025-01-01, registered_on: 2025-03-01}\n  - {contact: cmht, made: 2025-01-01}")
        let library = try TemporaryLibrary(["policy/policy.yaml": SafetyV3Tests.policy, "people/kit.yaml": plan])
        defer { library.remove() }
        let (policy, loaded) = try PersonLoader.load(RulesDirectory(library.root), person: "kit", today: nil)
        let lines = PlanDocument(plan: loaded, policy: policy).sections.first { $0.title == "My lasting powers of attorney" }?.lines
        #expect(
            lines == [
                "Rosa Kemp — health and welfare; registered on 2025-03-01; covers: all",
                "Lee Walker — property and affairs only: makes no decision about my care (MCA 2005 s9(1)(b)); registered on 2025-03-01; covers: all",
                "Community team — the plan does not say which kind of LPA this is (MCA s9(1)), so they cannot act; not registered: cannot act until it is (MCA 2005 s9(2)(b)); covers: all",
            ])
    }

    @Test("HTML stands alone and is accessible: language, headings, lists, no external assets, escaped text")
    func html() throws {
        let result = try CommandRunner.run(["show", "sam", "--format", "html"])
        #expect(result.status == 0)
        let page = result.stdout
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
        #expect(page.contains("<h1>Sam Taylor&#39;s crisis and safety plan</h1>"))
        #expect(page.contains("<h2>The people I do not want contacted</h2>"))
        #expect(page.contains("<ol>") && page.contains("<ul>"))
        #expect(!page.contains("src=") && !page.contains("href=") && !page.contains("@import"))
        #expect(page.contains("color:#111;background:#fff"))
    }

    @Test("Markdown uses headings and the person's order")
    func markdown() throws {
        let result = try CommandRunner.run(["show", "robin", "--format", "markdown"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("# Robin Hale's crisis and safety plan\n"))
        #expect(result.stdout.contains("## What works best for me — Early warning signs\n\n1. Me: Go for a run\n"))
    }

    @Test("an unknown format is a usage error")
    func badFormat() throws {
        let result = try CommandRunner.run(["show", "sam", "--format", "pdf"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: --format takes text, markdown or html; found 'pdf'\n")
    }
}
