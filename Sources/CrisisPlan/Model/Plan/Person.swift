/// Who the plan belongs to, named as they want to be named.
public struct Person: Sendable {
    /// Equals the plan's file name without `.yaml`.
    public var id: String
    public var idSource: SourceLocation
    public var name: String
    public var pronouns: String?
    /// Date of birth, when given: refusals made before 18 are not valid (MCA s24(1)), and
    /// `age` conditions need it.
    public var born: CalendarDate?
    /// How other records know the person (the NHS number first, as a rule):
    /// `{system: https://fhir.nhs.uk/Id/nhs-number, value: "943 476 5919"}`.
    public var identifiers: [Identifier] = []
    public var source: SourceLocation
    /// The `person:` line itself, where warnings about the plan as a whole point (a stage
    /// with no route or no responses); nil for a person not read from a file.
    public var keySource: SourceLocation?

    public struct Identifier: Sendable, Equatable {
        public var system: String
        public var value: String
        public var source: SourceLocation

        /// The NHS number's system: a person is matched to the trust's record by it.
        public static let nhsNumber = "https://fhir.nhs.uk/Id/nhs-number"

        /// The value as compared: spaces and hyphens removed.
        public var key: String { Self.key(value) }

        /// Any typed value as identifiers compare it (`999 000-0018` → `9990000018`): one rule
        /// for plans, PERSON, search and a record system's Patient.
        public static func key(_ text: some StringProtocol) -> String { String(text.filter { $0 != " " && $0 != "-" }) }
    }
}

extension Person {
    /// Whether a request's `person` means this person: the id in any case, or the name.
    public func isNamed(by text: String) -> Bool {
        text.lowercased() == id.lowercased() || TextNormalizer.normalize(text) == TextNormalizer.normalize(name)
            || isIdentified(by: text)
    }

    /// Whether `text` is one of the person's identifiers: `system|value`, or the value alone.
    public func isIdentified(by text: String) -> Bool {
        let key = Identifier.key(text)
        if let bar = text.lastIndex(of: "|") {
            let system = String(text[..<bar])
            let value = Identifier.key(text[text.index(after: bar)...])
            return identifiers.contains { $0.system == system && $0.key == value }
        }
        return !key.isEmpty && identifiers.contains { $0.key == key }
    }
}
