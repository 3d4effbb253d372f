/// What a fired flag changes in the answer, beyond being listed.
public struct FlagEffects: Sendable {
    /// A `contact` fact naming the (alleged) source of harm, who is then withheld.
    public var withholdContactNamedBy: String?
    public var withholdSource: SourceLocation?
    /// Contacts the flag adds after the person's route, marked statutory.
    public var addContacts: [Contact]
    public var raiseTo: String?
    public var raiseToSource: SourceLocation?
    /// Legal roles (e.g. `nearest_relative`) whose holders must be consulted or informed.
    public var consultRoles: [String]
    /// Mental Health Act Part 4 applies: a binding refusal of treatment for the mental disorder
    /// (other than ECT) may be overridden (MHA s63, MCA s28).
    public var mhaPart4: Bool

    public init() {
        addContacts = []
        consultRoles = []
        mhaPart4 = false
    }
}
