/// Words that, typed as a sign the plan does not recognise, may mean an emergency
/// (`red_flags:` in policy): an unrecognised "took an overdose" is never read as all clear.
public struct RedFlag: Sendable {
    public var id: String
    /// Words and phrases as written; a word ending in `*` matches any word starting with it.
    public var words: [String]
    /// A declared fact to ask about; the attention item shows until it is answered.
    public var ask: String
    public var askSource: SourceLocation
    public var message: String
    public var source: SourceLocation
}
