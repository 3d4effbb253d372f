/// An open prompt: a question to ask before acting, with why.
public struct PromptLine: Sendable {
    public var id: String
    public var fact: String
    public var asks: String
    public var because: String
    public var source: String
}
