import Testing

@testable import CrisisPlan

/// Parses text as a file named `t.yaml`, returning the tree or the first error's summary.
func parseYAML(_ bytes: [UInt8]) -> Result<YAMLNode?, Diagnostic> {
    Result { () throws(Diagnostic) in try YAMLParser.parse(SourceFile(path: "t.yaml", bytes: bytes)) }
}

func parseYAML(_ text: String) -> Result<YAMLNode?, Diagnostic> {
    parseYAML(Array(text.utf8))
}

func errorSummary(_ text: String) -> String? {
    if case .failure(let diagnostic) = parseYAML(text) { return diagnostic.summary }
    return nil
}

@Suite("YAML layer")
struct YAMLParserTests {
    @Test("every node carries its 1-based line and column")
    func positions() throws {
        let root = try #require(try parseYAML("person:\n  id: sam\n  tags: [a, b]\n").get())
        guard case .mapping(let top) = root.content, case .mapping(let person) = top[0].value.content else {
            Issue.record("expected maps")
            return
        }
        #expect(root.mark == Mark(line: 1, column: 1))
        #expect(person[0].keyMark == Mark(line: 2, column: 3))
        #expect(person[0].value.mark == Mark(line: 2, column: 7))
        guard case .sequence(let tags) = person[1].value.content else {
            Issue.record("expected a list")
            return
        }
        #expect(tags[1].mark == Mark(line: 3, column: 13))
    }

    @Test("columns count characters, not bytes")
    func unicodeColumns() {
        #expect(
            errorSummary("name: Zoë\nname: Zoë\n")
                == "t.yaml:2:1: error: duplicate key 'name'; it is already set on line 1")
        #expect(
            errorSummary("a: \"é\" x\n")
                == "t.yaml:1:8: error: YAML expected another key of the map here: keys of one map start in the same column, and quoted text ends at its closing quote with nothing after it; check this line's indentation and quotes"
        )
    }

    @Test(
        "rejected constructs have exact, located messages",
        arguments: [
            (
                "a: &x 1\nb: *x\n",
                "t.yaml:1:4: error: anchors (&x) are not allowed in rule files; write the value out in full"
            ),
            (
                "a: *x\n",
                "t.yaml:1:4: error: aliases (*name) are not allowed in rule files; write the value out in full"
            ),
            (
                "a: !!str 1\n",
                "t.yaml:1:4: error: tags (tag:yaml.org,2002:str) are not allowed in rule files; the field decides the type"
            ),
            (
                "base: {x: 1}\nother:\n  <<: {x: 2}\n",
                "t.yaml:3:3: error: merge keys (<<) are not allowed in rule files; write the keys out in full"
            ),
            (
                "a: 1\n---\nb: 2\n",
                "t.yaml:2:1: error: a rule file holds one YAML document; found a second one here"
            ),
            (
                "id: one\nname: x\nid: two\n",
                "t.yaml:3:1: error: duplicate key 'id'; it is already set on line 1"
            ),
            ("? [a]\n: 1\n", "t.yaml:1:3: error: a key must be text, not a list"),
            (
                "a:\n\t- b\n",
                "t.yaml:2:1: error: this character cannot start a value here; tabs cannot indent YAML (use spaces), and text starting with '@', '`' or '%' must be in quotes"
            ),
        ])
    func rejected(text: String, message: String) {
        #expect(errorSummary(text) == message)
    }

    @Test("duplicate keys are found in large maps too, naming the first line")
    func duplicateInLargeMap() {
        var text = (0..<200).map { "k\($0): v\n" }.joined()
        text += "k17: again\n"
        #expect(errorSummary(text) == "t.yaml:201:1: error: duplicate key 'k17'; it is already set on line 18")
    }

    @Test("nesting deeper than 64 is an error; 64 is fine")
    func depthLimit() {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? parseYAML(ok).get()) != nil)
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(errorSummary(deep) == "t.yaml:1:65: error: nesting is deeper than 64 levels")
    }

    @Test("20,000-deep brackets give an error, not a stack overflow")
    func hostileDepth() {
        let text = String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000)
        #expect(errorSummary(text) == "t.yaml:1:65: error: nesting is deeper than 64 levels")
        let maps = String(repeating: "{a: ", count: 20_000) + "1" + String(repeating: "}", count: 20_000)
        #expect(errorSummary(maps) == "t.yaml:1:257: error: nesting is deeper than 64 levels")
    }

    @Test("a billion-laughs document is refused at its first anchor")
    func billionLaughs() {
        var text = "lol0: &a0 [lol]\n"
        for level in 1...9 {
            let refs = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "lol\(level): &a\(level) [\(refs)]\n"
        }
        #expect(
            errorSummary(text)
                == "t.yaml:1:7: error: anchors (&a0) are not allowed in rule files; write the value out in full")
    }

    @Test("invalid UTF-8 is reported at its line and column")
    func invalidUTF8() {
        var bytes = Array("name: ok\nsays: caf".utf8)
        bytes.append(0xFF)
        bytes += Array("\n".utf8)
        guard case .failure(let diagnostic) = parseYAML(bytes) else {
            Issue.record("expected an error")
            return
        }
        #expect(
            diagnostic.summary
                == "t.yaml:2:10: error: the file is not valid UTF-8 text: invalid leading UTF-8 octet (byte 0xFF); save the file as UTF-8")
    }

    @Test("a letter written in Latin-1 (é as the byte 0xE9) is reported at its own column, not the next one")
    func latin1Letter() {
        var bytes = Array("name: ok\nsays: Pat L".utf8)
        bytes.append(0xE9)
        bytes += Array("ne\n".utf8)
        guard case .failure(let diagnostic) = parseYAML(bytes) else {
            Issue.record("expected an error")
            return
        }
        #expect(
            diagnostic.summary
                == "t.yaml:2:12: error: the file is not valid UTF-8 text: byte 0xE9 begins a character that is not complete; save the file as UTF-8")
    }

    @Test("a NUL byte is reported where it is")
    func nulByte() {
        var bytes = Array("a: b\nc: d".utf8)
        bytes.insert(0, at: 7)
        guard case .failure(let diagnostic) = parseYAML(bytes) else {
            Issue.record("expected an error")
            return
        }
        #expect(
            diagnostic.summary
                == "t.yaml:2:3: error: the file is not valid UTF-8 text: control characters are not allowed (byte 0x00)"
        )
    }

    @Test("a byte-order mark is skipped and does not shift columns")
    func byteOrderMark() throws {
        let root = try #require(try parseYAML([0xEF, 0xBB, 0xBF] + Array("a: 1\n".utf8)).get())
        guard case .mapping(let entries) = root.content else {
            Issue.record("expected a map")
            return
        }
        #expect(entries[0].keyMark == Mark(line: 1, column: 1))
        #expect(entries[0].value.mark == Mark(line: 1, column: 4))
    }

    @Test("CRLF line ends count as one line break")
    func crlf() {
        #expect(
            errorSummary("a: 1\r\nb: 2\r\na: 3\r\n")
                == "t.yaml:3:1: error: duplicate key 'a'; it is already set on line 1")
    }

    @Test("an empty file, or one with only comments, has no document")
    func empty() throws {
        #expect(try parseYAML("").get() == nil)
        #expect(try parseYAML("# nothing here\n").get() == nil)
        #expect(try parseYAML([0xEF, 0xBB, 0xBF]).get() == nil)
    }

    @Test("files over 1 MiB are refused before parsing")
    func sizeLimit() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: YAMLParser.maximumFileSize + 1)
        guard case .failure(let diagnostic) = parseYAML(bytes) else {
            Issue.record("expected an error")
            return
        }
        #expect(
            diagnostic.summary
                == "t.yaml:1:1: error: file is 1048577 bytes; rule files are limited to 1048576 bytes (1 MiB)")
    }

    @Test("plain and quoted scalars are kept as written")
    func scalarsKeepTheirText() throws {
        let root = try #require(try parseYAML("a: no\nb: \"true\"\nc: 07700 900123\n").get())
        guard case .mapping(let entries) = root.content else {
            Issue.record("expected a map")
            return
        }
        let scalars = entries.compactMap { entry -> YAMLScalar? in
            if case .scalar(let scalar) = entry.value.content { return scalar }
            return nil
        }
        #expect(scalars.map(\.text) == ["no", "true", "07700 900123"])
        #expect(scalars.map(\.isPlain) == [true, false, true])
    }
}
