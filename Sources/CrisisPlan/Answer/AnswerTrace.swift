public struct AnswerTrace: Sendable {
    public var escalatedBy: [String] = []
    public var activeSigns: [String] = []
}
