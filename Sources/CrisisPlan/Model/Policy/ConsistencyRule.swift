/// Facts that should agree (`consistency:` in policy): when `when` holds and `expect` does
/// not, the answer warns `inconsistent-facts` — for example domestic abuse recorded while
/// abuse or neglect is recorded as none.
public struct ConsistencyRule: Sendable {
    public var id: String
    public var when: Condition
    public var expect: Condition
    public var message: String
    public var source: SourceLocation
}
