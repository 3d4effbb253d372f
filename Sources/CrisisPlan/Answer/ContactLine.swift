/// Someone to contact now; `statutory` when a flag added them rather than the person's route.
public struct ContactLine: Sendable {
    public var id: String
    public var name: String
    public var relation: String?
    public var phone: String
    /// Added by a flag rather than by the person's own route.
    public var statutory: Bool
    public var source: String
}

extension ContactLine {
    init(_ contact: Contact, statutory: Bool) {
        self.init(
            id: contact.id, name: contact.name, relation: contact.relation, phone: contact.phone, statutory: statutory,
            source: contact.source.pathAndLine)
    }
}
