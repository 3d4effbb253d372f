/// Someone to contact now; `statutory` when a flag added them rather than the person's route.
public struct ContactLine: Sendable {
    public var id: String
    public var name: String
    public var relation: String?
    public var phone: String
    /// Added by a flag rather than by the person's own route.
    public var statutory: Bool
    public var source: String
    /// Open now by the contact's `hours`; `nil` without hours (or with hours that do not parse).
    public var openNow: Bool? = nil
    /// When a closed contact opens next, RFC 3339 with the local offset.
    public var opensAt: String? = nil
    /// The same in words for the text form: `Mon 09:00`.
    public var opensText: String? = nil
    /// Notes a flag adds (`note_contacts`), e.g. what may be shared with family.
    public var notes: [String] = []
    /// A professional contact (not in the JSON; for `note_contacts`).
    public var professional = false
    /// The contact's hours, for working out `open_now` (not in the JSON).
    var hours: ContactHours? = nil
}

extension ContactLine {
    init(_ contact: Contact, statutory: Bool) {
        self.init(
            id: contact.id, name: contact.name, relation: contact.relation, phone: contact.phone, statutory: statutory,
            source: contact.source.pathAndLine, professional: contact.professional, hours: contact.hours)
    }
}
