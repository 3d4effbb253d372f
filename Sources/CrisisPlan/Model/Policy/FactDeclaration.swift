/// A fact that observations may carry, declared in policy so that a typo is an error,
/// never a silently ignored observation.
public struct FactDeclaration: Sendable {
    public enum Kind: Sendable, Hashable {
        case bool
        /// Values in order, lowest first; `at_least`/`at_most` use this order.
        case enumeration([String])
        /// An id from the person's `contacts` or `do_not_contact`.
        case contact
    }

    public var id: String
    public var kind: Kind
    /// The value when never observed, as written (typed against `kind` in validation).
    public var defaultValue: FactOperand?
    /// The question staff ask to establish the fact, for training and display.
    public var asks: String?
    /// A `contact` fact naming the (alleged) source of harm: whoever it names is withheld for
    /// the rest of the timeline, whatever fires, until a professional reinstates them.
    public var sourceOfHarm = false
    public var sourceOfHarmSource: SourceLocation?
    /// The enum value that means "not asked yet": observing it leaves the question open.
    public var notAsked: String?
    public var notAskedSource: SourceLocation?
    /// Readable labels for enum values, for forms (value → label, in written order).
    public var labels: [(value: String, label: String, source: SourceLocation)] = []
    public var source: SourceLocation

    /// The name of the type as written in YAML.
    public var typeName: String {
        switch kind {
        case .bool: "bool"
        case .enumeration: "enum"
        case .contact: "contact"
        }
    }
}
