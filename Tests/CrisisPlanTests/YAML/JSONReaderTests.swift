import Testing

@testable import CrisisPlan

/// The JSON reader is a faster way to the tree libyaml builds: wherever it answers, its tree —
/// text, plain or quoted, every line and column — must be libyaml's, or the service's answers
/// and errors would differ from the command line's.
@Suite("JSON observations read without libyaml, into libyaml's exact tree")
struct JSONReaderTests {
    /// The tree as text: kind, mark, plain or quoted, every key with its mark.
    static func describe(_ node: YAMLNode) -> String {
        let at = "\(node.mark.line):\(node.mark.column)"
        switch node.content {
        case .scalar(let scalar):
            return "\(at)\(scalar.isPlain ? "p" : "q")\(scalar.text.debugDescription)"
        case .sequence(let items):
            return "\(at)[" + items.map(describe).joined(separator: ",") + "]"
        case .mapping(let entries):
            return "\(at){"
                + entries.map { "\($0.keyMark.line):\($0.keyMark.column)\($0.key.debugDescription)=" + describe($0.value) }
                .joined(separator: ",") + "}"
        }
    }

    /// Random documents shaped like observations, with JSON's escapes, surrogate pairs,
    /// non-ASCII text, every kind of white space and a few faults.
    static func document(_ random: inout SplitMix64) -> String {
        let spaces = [" ", "", "\n", "\r\n", "\t", "  \n    ", "\r"]
        func space() -> String { spaces.randomElement(using: &random)! }
        let texts = [
            "not sleeping", "self-harm", "Lee Walker", "Zoë", "Ma\\u00efa", "\\ud83d\\ude00 x", "tab\\tbetween",
            "quote \\\" and \\\\ slash \\/", "é\\u00e9é", "中文", "\\u001b[31m", "\\ud800", "line\\nbreak", "\u{85}",
            "2026-11-24T10:00:00Z",
        ]
        func text() -> String { "\"" + texts.randomElement(using: &random)! + "\"" }
        let scalars = ["true", "false", "null", "0", "-1.5e3", "12", "tru", "01"]
        func value(_ depth: Int) -> String {
            switch Int.random(in: 0..<(depth > 2 ? 2 : 4), using: &random) {
            case 0: return text()
            case 1: return scalars.randomElement(using: &random)!
            case 2:
                let count = Int.random(in: 0...3, using: &random)
                return "[" + (0..<count).map { _ in space() + value(depth + 1) + space() }.joined(separator: ",") + "]"
            default:
                let count = Int.random(in: 0...3, using: &random)
                let keys = ["at", "signs", "facts", "capacity", "observations", "person", "at"]
                return "{"
                    + (0..<count).map { _ in
                        space() + "\"" + keys.randomElement(using: &random)! + "\"" + space() + ":" + space()
                            + value(depth + 1)
                    }.joined(separator: ",") + space() + "}"
            }
        }
        var document = space() + "{" + space() + "\"observations\":" + space() + value(0) + space() + "}" + space()
        if Int.random(in: 0..<10, using: &random) == 0 {
            let cut = Int.random(in: 0..<document.utf8.count, using: &random)
            document = String(decoding: Array(document.utf8)[..<cut], as: UTF8.self)
        }
        return document
    }

    @Test("on 5,000 random documents, wherever the reader answers its tree is libyaml's")
    func sameTreeAsLibyaml() {
        var random = SplitMix64(seed: 20_261_128)
        var answered = 0
        for _ in 0..<5_000 {
            let text = Self.document(&random)
            let source = SourceFile(path: "<request>", bytes: Array(text.utf8))
            guard let fast = JSONReader.parse(source) else { continue }
            answered += 1
            // Valid JSON that libyaml refused (a tab indenting a line, a key at column 1 inside
            // a nested map) is read: JSON is JSON. Everywhere else the trees are equal.
            guard let tree = try? YAMLParser.parse(JSONSurrogates.joined(source)) else { continue }
            #expect(Self.describe(fast) == Self.describe(tree), "\(text.debugDescription)")
        }
        // Most documents are clean: the fast path must be the common one, not a fallback.
        #expect(answered > 2_000)
    }

    @Test("what libyaml would refuse or report is left to libyaml, so its message is unchanged")
    func fallsBackOnProblems() {
        for text in [
            #"{"a": 1, "a": 2}"#, #"{"a": "\u001b"}"#, #"{"a": "\ud800"}"#, "{\"a\": \"\u{7F}\"}", #"{"a": 1"#,
            #"{"a": 1} x"#, "  ", "{\"a\": \"x\u{2028}y\"}", "{\"a\": \"x\u{2029}\"}", #"{"a": tru}"#, "{\"a\": \"x\ty\"}", #"["a"]]"#, String(repeating: "[", count: 70),
        ] {
            #expect(JSONReader.parse(SourceFile(path: "<request>", bytes: Array(text.utf8))) == nil, "\(text)")
        }
        #expect(JSONReader.parse(SourceFile(path: "x", bytes: [0x7B, 0xFF, 0x7D])) == nil)
    }

    @Test("valid JSON that libyaml refused is read: a tab before the first brace")
    func tabIndentedJSON() throws {
        let body = "\t{\"observations\": [{\"at\": \"2026-11-24T10:00:00Z\", \"signs\": [\"panic\"]}]}"
        let timeline = try ObservationDecoder.decode(SourceFile(path: "<request>", bytes: Array(body.utf8)))
        #expect(timeline.observations.first?.signs.map(\.text) == ["panic"])
        #expect(timeline.observations.first?.signs.first?.source.pathLineColumn == "<request>:1:61")
    }

    @Test("a duplicate key in a JSON body is the error it always was, at both lines")
    func duplicateKey() throws {
        let body = "{\"observations\": [{\"at\": \"2026-11-24T10:00:00Z\",\n \"facts\": {\"harm_source\": \"lee\",\n \"harm_source\": \"someone-else\"}}]}"
        #expect {
            try ObservationDecoder.decode(SourceFile(path: "<request>", bytes: Array(body.utf8)))
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.first?.message == "duplicate key 'harm_source'; it is already set on line 2"
        }
    }
}
