/// Someone the person does not want contacted, whatever fires (SPEC §1 principle 3).
public struct DoNotContactEntry: Sendable {
    /// Optional; lets facts and scenarios refer to this person.
    public var id: String?
    public var name: String
    public var relation: String?
    public var reason: String?
    /// Legal roles the person holds; a statutory duty to consult them becomes a conflict.
    public var roles: [String]
    public var source: SourceLocation

    public init(
        id: String?, name: String, relation: String? = nil, reason: String?, roles: [String] = [],
        source: SourceLocation
    ) {
        self.id = id
        self.name = name
        self.relation = relation
        self.reason = reason
        self.roles = roles
        self.source = source
    }
}
