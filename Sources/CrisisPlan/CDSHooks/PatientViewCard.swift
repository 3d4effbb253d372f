/// One card for the record system's patient view: what a crisis worker must see when they open
/// the person's record, before anything has been observed. The service adds what belongs to a
/// sending — the card's uuid, its source label and the link to the person's page.
public struct PatientViewCard: Sendable, Equatable {
    /// In CDS Hooks' order of urgency.
    public enum Indicator: String, Sendable {
        case info, warning, critical
    }

    /// What the card is about, stable across sendings, so feedback on it can be counted per
    /// plan item: `plan`, `do-not-contact:mark`, `refusal:Rules/people/sam.yaml:75`.
    public var about: String
    public var indicator: Indicator
    /// One sentence, under 140 characters (CDS Hooks' limit).
    public var summary: String
    /// GitHub-flavoured Markdown; the person's words escaped so they are shown as written.
    public var detail: String
    public var source: SourceLocation

    public init(about: String, indicator: Indicator, summary: String, detail: String, source: SourceLocation) {
        self.about = about
        self.indicator = indicator
        self.summary = summary
        self.detail = detail
        self.source = source
    }
}
