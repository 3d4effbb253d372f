/// A fact's value, typed by its declaration.
public enum FactValue: Sendable, Hashable {
    case bool(Bool)
    /// The position of the value in the enum's declared order, lowest 0.
    case enumeration(Int)
    /// An id from the person's contacts or do-not-contact list.
    case contact(String)
}
