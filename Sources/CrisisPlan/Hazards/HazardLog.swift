import Foundation

/// The hazard log of a library (`hazards/*.yaml` beside `policy/` and `people/`), read and
/// checked against the policy: every flag a control names must exist, every scenario file must
/// be there. `check` reports what is wrong with it; `crisisplan hazards` shows it with its
/// evidence.
public struct HazardLog: Sendable {
    public var hazards: [Hazard] = []
    public var sources: [SourceFile] = []
    public var diagnostics: [Diagnostic] = []
    /// The errors in the entries themselves (a score out of range, a key missing): each is a
    /// gap of the log, shown as a row, never an entry quietly left out.
    public var unreadable: [Diagnostic] = []

    /// `hazards/` in the library; a library without one has an empty log.
    public static func folder(_ rules: RulesDirectory) -> String {
        rules.displayPath == "." ? "hazards" : rules.displayPath + "/hazards"
    }

    /// A scenario path as a control writes it (from the project folder: `Scenarios/…`), as a
    /// path from here.
    public static func resolve(_ path: String, _ rules: RulesDirectory) -> String {
        if path.hasPrefix("/") { return path }
        let parent = (rules.scenariosFolder as NSString).deletingLastPathComponent
        return parent.isEmpty ? path : parent + "/" + path
    }

    public static func load(_ rules: RulesDirectory, policy: Policy?) -> HazardLog {
        var log = HazardLog()
        guard let (files, _) = RulesDirectory.yamlFiles(in: folder(rules)) else { return log }
        var seen: [String: SourceLocation] = [:]
        for path in files {
            let loaded = RulesLoader.load(path) { decoder, root in HazardFileDecoder(decoder: decoder).decode(root) }
            log.sources.append(loaded.source)
            log.diagnostics += loaded.diagnostics
            log.unreadable += loaded.diagnostics.filter { $0.severity == .error }
            for hazard in loaded.value ?? [] {
                if let first = seen[hazard.id] {
                    // A gap of its own, under the entries that could not be read: merged into
                    // the first, its controls would be shown as the first hazard's.
                    let duplicate = Diagnostic.error(
                        "hazard '\(hazard.id)' is already in the log at \(first.pathAndLine); give this one its own id", at: hazard.source)
                    log.diagnostics.append(duplicate)
                    log.unreadable.append(duplicate)
                    continue
                }
                seen[hazard.id] = hazard.source
                for (control, source) in hazard.controls {
                    switch control {
                    case .flag(let id):
                        guard let policy, !policy.flags.contains(where: { $0.id == id }) else { break }
                        log.diagnostics.append(
                            .error(
                                "hazard '\(hazard.id)': no flag '\(id)' in the policy"
                                    + Suggestion.hint(for: id, in: policy.flags.map(\.id), listing: "flags are"),
                                at: source))
                    case .scenario(let path):
                        if !FileManager.default.fileExists(atPath: resolve(path, rules)) {
                            log.diagnostics.append(
                                .error("hazard '\(hazard.id)': no scenario file '\(path)'", at: source))
                        }
                    case .engine:
                        break
                    }
                }
                log.hazards.append(hazard)
            }
        }
        return log
    }
}
