extension FactDeclaration {
    /// Reads text written in a rule file for this fact as a typed value, or says what is
    /// allowed. Rule files keep the declared spelling exactly: booleans are only `true` and
    /// `false`; enum values as declared; a contact fact takes any id here (whether the person
    /// has that contact is known only with a plan).
    public func value(of text: String) -> Result<FactValue, FactValueError> {
        switch kind {
        case .bool:
            switch text {
            case "true": return .success(.bool(true))
            case "false": return .success(.bool(false))
            default:
                return .failure(FactValueError("fact '\(id)' is true or false, found '\(text)'; write true or false"))
            }
        case .enumeration(let values):
            guard let index = values.firstIndex(of: text) else { return .failure(notAValue(text, values)) }
            return .success(.enumeration(index))
        case .contact:
            return .success(.contact(text))
        }
    }

    /// Reads a value as people type it in an observation (`--fact`, a file, the API, a form, a
    /// scenario): compared after normalisation, so `Acted`, `acted.` and `ACTED` are `acted`;
    /// a bool also takes `yes` and `no`; an enum that has `yes`/`no` also takes `true`/`false`.
    public func observedValue(of text: String) -> Result<FactValue, FactValueError> {
        if case .success(let exact) = value(of: text), kind != .contact { return .success(exact) }
        let key = TextNormalizer.normalize(text)
        switch kind {
        case .bool:
            switch key {
            case "true", "yes": return .success(.bool(true))
            case "false", "no": return .success(.bool(false))
            default:
                return .failure(
                    FactValueError("fact '\(id)' is yes or no (or true or false), found '\(text)'; write yes or no"))
            }
        case .enumeration(let values):
            let keys = values.map(TextNormalizer.normalize)
            if let index = keys.firstIndex(of: key) { return .success(.enumeration(index)) }
            let booleanWord = key == "true" ? "yes" : key == "false" ? "no" : nil
            if let booleanWord, let index = keys.firstIndex(of: booleanWord) { return .success(.enumeration(index)) }
            return .failure(notAValue(text, values))
        case .contact:
            return .success(.contact(text))
        }
    }

    private func notAValue(_ text: String, _ values: [String]) -> FactValueError {
        let hint = Suggestion.closest(to: text, in: values).map { " (did you mean '\($0)'?)" } ?? ""
        return FactValueError(
            "'\(text)' is not a value of fact '\(id)'\(hint); allowed values: \(values.joined(separator: ", "))")
    }

    /// The value when never observed (SPEC §3 "Facts"): the default, else `false` for bool,
    /// the first value for an enum, absent for a contact (a contact fact's default names no one).
    public var initialValue: FactValue? {
        if kind != .contact, let defaultValue, case .success(let value) = value(of: defaultValue.text) { return value }
        switch kind {
        case .bool: return .bool(false)
        case .enumeration: return .enumeration(0)
        case .contact: return nil
        }
    }

    /// The position of the `not_asked` value, when the fact declares one.
    public var notAskedIndex: Int? {
        guard let notAsked, case .enumeration(let values) = kind else { return nil }
        return values.firstIndex(of: notAsked)
    }

}

extension FactDeclaration.Kind {
    /// Text for a typed value, as written in policy. On the kind, not the declaration: a
    /// declaration read out of the policy's list to call a method on is a copy of all of it.
    public func text(of value: FactValue) -> String {
        switch (value, self) {
        case (.bool(let flag), _): String(flag)
        case (.enumeration(let index), .enumeration(let values)): index < values.count ? values[index] : String(index)
        case (.enumeration(let index), _): String(index)
        case (.contact(let id), _): id
        }
    }
}
