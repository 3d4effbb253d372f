/// What helps, what to avoid, and what needs taking care of when the person is unwell.
public struct WhenUnwell: Sendable {
    public var helps: [SourcedText] = []
    public var avoid: [SourcedText] = []
    public var takeCareOf: [SourcedText] = []

    public init() {}
}
