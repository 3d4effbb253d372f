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
    public var source: SourceLocation
}

extension Person {
    /// Whether a request's `person` means this person: the id in any case, or the name.
    public func isNamed(by text: String) -> Bool {
        text.lowercased() == id.lowercased() || TextNormalizer.normalize(text) == TextNormalizer.normalize(name)
    }
}
