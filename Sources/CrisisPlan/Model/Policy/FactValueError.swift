/// Why a value does not fit a fact's type.
public struct FactValueError: Error, Sendable, Hashable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }
}
