import CrisisPlan
import Foundation
import Testing

/// A rules library written to a fresh temporary folder, for tests that need files on disk.
struct TemporaryLibrary {
    let root: String

    /// `files` maps paths relative to the library (`policy/a.yaml`) to their text.
    init(_ files: [String: String]) throws {
        root = NSTemporaryDirectory() + "crisisplan-tests-" + UUID().uuidString
        for (path, text) in files {
            let full = root + "/" + path
            try FileManager.default.createDirectory(
                atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }
    }

    /// The shipped `Rules/` (policy and people) under `Rules/` in a fresh folder, with each
    /// `(old, new)` replaced in the file named (`policy/25-24-hour-line.yaml`); a replacement
    /// that finds nothing to replace is a test error, never a silent no-op.
    static func shipped(changing changes: [String: [(String, String)]] = [:]) throws -> TemporaryLibrary {
        var files: [String: String] = [:]
        for folder in ["policy", "people"] {
            let path = PackageRoot.path + "/Rules/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.hasSuffix(".yaml") {
                files["Rules/\(folder)/\(name)"] = try String(contentsOfFile: path + "/" + name, encoding: .utf8)
            }
        }
        for (file, replacements) in changes {
            var text = try #require(files["Rules/" + file], "no shipped file \(file)")
            for (old, new) in replacements {
                try #require(text.contains(old), "\(file) has no '\(old)'")
                text = text.replacingOccurrences(of: old, with: new)
            }
            files["Rules/" + file] = text
        }
        return try TemporaryLibrary(files)
    }

    var rules: RulesDirectory { RulesDirectory(root + "/Rules") }

    func remove() {
        try? FileManager.default.removeItem(atPath: root)
    }
}

/// The package's root folder, found from this file's path.
enum PackageRoot {
    static let path: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.path
            }
        }
        return FileManager.default.currentDirectoryPath
    }()

    static let fixtures = path + "/Tests/CrisisPlanTests/Fixtures"
}
