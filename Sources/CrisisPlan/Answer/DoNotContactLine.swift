/// Someone never to contact, with the person's reason.
public struct DoNotContactLine: Sendable {
    public var id: String?
    public var name: String
    public var reason: String
    public var source: String
}
