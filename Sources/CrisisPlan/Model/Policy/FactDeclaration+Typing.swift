extension FactDeclaration {
    /// Reads text written for this fact as a typed value, or says what is allowed.
    ///
    /// Booleans are only `true` and `false`; enum values must be declared; a contact fact
    /// takes any id here (whether the person has that contact is known only with a plan).
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
            guard let index = values.firstIndex(of: text) else {
                let hint = Suggestion.closest(to: text, in: values).map { " (did you mean '\($0)'?)" } ?? ""
                return .failure(
                    FactValueError(
                        "'\(text)' is not a value of fact '\(id)'\(hint); allowed values: \(values.joined(separator: ", "))"
                    ))
            }
            return .success(.enumeration(index))
        case .contact:
            return .success(.contact(text))
        }
    }

    /// The value when never observed (SPEC §3 "Facts"): the default, else `false` for bool,
    /// the first value for an enum, absent for a contact.
    public var initialValue: FactValue? {
        if let defaultValue, case .success(let value) = value(of: defaultValue.text) { return value }
        switch kind {
        case .bool: return .bool(false)
        case .enumeration: return .enumeration(0)
        case .contact: return nil
        }
    }

    /// Text for a typed value, as written in policy.
    public func text(of value: FactValue) -> String {
        switch (value, kind) {
        case (.bool(let flag), _): String(flag)
        case (.enumeration(let index), .enumeration(let values)): index < values.count ? values[index] : String(index)
        case (.enumeration(let index), _): String(index)
        case (.contact(let id), _): id
        }
    }
}
