import Foundation

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
