/// A question to ask before acting (`prompts:` in policy): open while its condition holds and
/// its fact has not been answered, so that, for instance, nobody calls the route before
/// asking who is causing harm.
public struct Prompt: Sendable {
    public var id: String
    /// A declared fact; its `asks` text is the question.
    public var ask: String
    public var askSource: SourceLocation
    /// Open whenever the fact is unanswered when `nil`.
    public var when: Condition?
    public var because: String
    public var source: SourceLocation
}
