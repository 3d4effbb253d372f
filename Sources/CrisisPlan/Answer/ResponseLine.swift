/// One of the person's own agreed responses, in their words, with where it is written.
public struct ResponseLine: Sendable {
    public var by: Response.Actor
    public var action: String
    public var source: String
}
