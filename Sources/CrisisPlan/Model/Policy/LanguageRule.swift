/// A word or phrase `check` warns about in staff-written plan text, with what to write instead
/// (seed 000: language matters).
public struct LanguageRule: Sendable {
    public var avoid: String
    public var prefer: String
    /// The phrase is fine when this word follows it ("high risk of falls").
    public var unlessFollowedBy: String?
    /// Whole phrases holding the avoided words that stay ("high risk of falls", SPEC v2 §3).
    public var allow: [String]
    public var source: SourceLocation
}
