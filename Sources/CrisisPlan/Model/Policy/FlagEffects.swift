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
    /// A note for matching answer contacts (`note_contacts:`), e.g. what may and may not be
    /// shared with family after a capable refusal.
    public var noteContacts: ContactNote?

    public init() {
        addContacts = []
        consultRoles = []
        mhaPart4 = false
    }
}

/// `note_contacts: {professional: false, note: TEXT}` or `{ids: [...], note: TEXT}`.
public struct ContactNote: Sendable {
    /// Contacts whose `professional` equals this, when given.
    public var professional: Bool?
    /// Contacts with these ids, when given.
    public var ids: [String]?
    public var note: String
    public var source: SourceLocation

    func applies(to contact: ContactLine) -> Bool {
        if let ids, !ids.contains(contact.id) { return false }
        if let professional, professional != contact.professional { return false }
        return true
    }
}
