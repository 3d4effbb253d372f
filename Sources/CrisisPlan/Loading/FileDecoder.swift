/// Reads typed values out of one file's YAML tree, collecting every problem as a diagnostic.
///
/// One per file, never shared between threads. Scalars are typed by the field that holds them
/// (SPEC §2): a text field keeps `no` as the text "no"; a boolean field takes only plain `true`
/// or `false`. A missing or malformed value is reported and read as `nil`, so decoding goes on
/// and every problem in the file is reported at once.
///
/// What a value is (`what`, as "an entry of 'signs'") is written only into a message, so it is
/// taken as an autoclosure: written out for every value read, it cost more than reading the
/// value (every request to the service is decoded here).
final class FileDecoder {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(file: file, mark: mark)
    }

    func error(_ message: String, at mark: Mark, blocksAnswers: Bool = true) {
        var diagnostic = Diagnostic.error(message, at: location(mark))
        diagnostic.blocksAnswers = blocksAnswers
        diagnostics.append(diagnostic)
    }

    /// Reads a value whose problems `check` reports but answers work around (a contact's
    /// hours): every error `read` reports is kept, as one that does not block answers, and
    /// the first is returned with the value.
    func notBlockingAnswers<Value>(_ read: () -> Value) -> (value: Value, problem: String?) {
        let before = diagnostics.count
        let value = read()
        for index in before..<diagnostics.count { diagnostics[index].blocksAnswers = false }
        return (value, diagnostics.count > before ? diagnostics[before].message : nil)
    }

    func warning(_ message: String, at mark: Mark) {
        diagnostics.append(.warning(message, at: location(mark)))
    }

    // MARK: Collections

    /// The node as a map whose keys are all in `keys`; unknown keys are errors with a
    /// did-you-mean suggestion, and `required` keys that are missing are errors.
    func fields(
        _ node: YAMLNode, _ what: @autoclosure () -> String, keys: [String], required: [String] = []
    ) -> Fields? {
        guard case .mapping(let entries) = node.content else {
            error("expected \(what()) as a map of keys and values, found \(node.kindDescription)", at: node.mark)
            return nil
        }
        var meant: Set<String> = []
        for entry in entries where !keys.contains(entry.key) {
            let match = Suggestion.closest(to: entry.key, in: keys)
            if let match { meant.insert(match) }
            error(
                "unknown key '\(entry.key)' in \(what())" + Suggestion.hint(closest: match, in: keys),
                at: entry.keyMark)
        }
        // A misspelt required key is reported once, as the misspelling, not again as missing.
        for key in required where !entries.contains(where: { $0.key == key }) && !meant.contains(key) {
            error("missing required key '\(key)' in \(what())", at: node.mark)
        }
        return Fields(entries: entries, mark: node.mark)
    }

    /// The node as a list; `nil` (with an error) for anything else.
    func list(_ node: YAMLNode, _ what: @autoclosure () -> String) -> [YAMLNode]? {
        if case .sequence(let items) = node.content { return items }
        if isEmpty(node) { return [] }
        error("expected \(what()) as a list, found \(node.kindDescription)", at: node.mark)
        return nil
    }

    /// A list of text items, each with its position.
    func textList(_ node: YAMLNode?, _ what: @autoclosure () -> String) -> [SourcedText] {
        guard let node, let items = list(node, what()) else { return [] }
        return items.compactMap { item in
            text(item, "an entry of \(what())").map { SourcedText(text: $0, source: location(item.mark)) }
        }
    }

    // MARK: Scalars

    /// Non-empty text. Quoted or plain, the text is kept as written. Quoted text with nothing
    /// but spaces in it is as empty as a missing value: a phone number `""` or a name `"  "`
    /// would answer with a contact no one can call, or a do-not-contact entry with no name.
    func text(_ node: YAMLNode, _ what: @autoclosure () -> String, write wanted: String = "a value") -> String? {
        guard case .scalar(let scalar) = node.content else {
            error("expected text for \(what()), found \(node.kindDescription)", at: node.mark)
            return nil
        }
        if (scalar.isPlain && (scalar.text == "~" || scalar.text == "null"))
            || scalar.text.allSatisfy({ $0.isWhitespace })
        {
            error("\(what()) is empty; write \(wanted)", at: node.mark)
            return nil
        }
        return scalar.text
    }

    func text(_ fields: Fields?, _ key: String, write wanted: String = "a value") -> String? {
        guard let node = fields?[key] else { return nil }
        return text(node, "'\(key)'", write: wanted)
    }

    func bool(_ fields: Fields?, _ key: String) -> Bool? {
        guard let node = fields?[key] else { return nil }
        guard case .scalar(let scalar) = node.content, scalar.isPlain,
            scalar.text == "true" || scalar.text == "false"
        else {
            error("'\(key)' takes true or false, found \(describe(node)); write true or false", at: node.mark)
            return nil
        }
        return scalar.text == "true"
    }

    func date(_ fields: Fields?, _ key: String) -> CalendarDate? {
        guard let node = fields?[key], let text = text(node, "'\(key)'") else { return nil }
        guard let date = CalendarDate(parsing: text) else {
            if let shape = CalendarDate.Shape(text) {
                error("'\(key)' is \(text), which is not a date in the calendar: \(shape.problem)", at: node.mark)
            } else {
                error("'\(key)' takes a date written YYYY-MM-DD, like 2026-11-24; found '\(text)'", at: node.mark)
            }
            return nil
        }
        return date
    }

    func timestamp(_ node: YAMLNode, _ what: @autoclosure () -> String) -> Timestamp? {
        guard let text = text(node, what()) else { return nil }
        guard let time = Timestamp(parsing: text) else {
            error("\(what()) takes a time with a zone, like 2026-11-24T10:30:00Z, found '\(text)'", at: node.mark)
            return nil
        }
        return time
    }

    func duration(_ fields: Fields?, _ key: String) -> PolicyDuration? {
        guard let node = fields?[key], let text = text(node, "'\(key)'") else { return nil }
        guard let duration = PolicyDuration(parsing: text) else {
            error(
                "'\(key)' takes a duration: a positive whole number and m, h, d or w (30m, 72h, 7d), found '\(text)'",
                at: node.mark)
            return nil
        }
        return duration
    }

    /// A whole number of at least `minimum`.
    func integer(_ fields: Fields?, _ key: String, minimum: Int) -> Int? {
        guard let node = fields?[key], let text = text(node, "'\(key)'") else { return nil }
        guard text.count <= 9, let value = Int(text), value >= minimum else {
            error("'\(key)' takes a whole number of at least \(minimum), found '\(text)'", at: node.mark)
            return nil
        }
        return value
    }

    /// Text that must be one of `allowed`.
    func choice(_ fields: Fields?, _ key: String, _ allowed: [String]) -> String? {
        guard let node = fields?[key], let text = text(node, "'\(key)'") else { return nil }
        guard allowed.contains(text) else {
            error("'\(key)' cannot be '\(text)'" + Suggestion.hint(for: text, in: allowed), at: node.mark)
            return nil
        }
        return text
    }

    /// A scalar kept as written, for values typed later (fact values).
    func operand(_ node: YAMLNode, _ what: @autoclosure () -> String) -> FactOperand? {
        guard case .scalar(let scalar) = node.content else {
            error("expected a single value for \(what()), found \(node.kindDescription)", at: node.mark)
            return nil
        }
        return FactOperand(text: scalar.text, isPlain: scalar.isPlain, source: location(node.mark))
    }

    private func isEmpty(_ node: YAMLNode) -> Bool {
        if case .scalar(let scalar) = node.content, scalar.isPlain, scalar.text.isEmpty { return true }
        return false
    }

    private func describe(_ node: YAMLNode) -> String {
        if case .scalar(let scalar) = node.content { return "'\(scalar.text)'" }
        return node.kindDescription
    }
}
