/// What a signed-in user may do (SPEC v2 §9): `crisis` looks people up and asks for answers,
/// `trainer` runs the scenarios, `governance` reads the audit log and the checks, `admin`
/// does everything and reloads.
public enum Role: String, Sendable, CaseIterable, Hashable {
    case crisis, trainer, governance, admin

    /// "crisis|trainer|governance|admin", for messages.
    public static let choices = allCases.map(\.rawValue).joined(separator: "|")
}
