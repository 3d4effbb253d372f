/// The health-and-welfare attorney, and whether they can act now.
public struct AttorneyLine: Sendable {
    public var id: String
    public var name: String
    public var registered: Bool
    public var canAct: Bool
    public var because: String
}
