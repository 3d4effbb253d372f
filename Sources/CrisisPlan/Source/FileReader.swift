import Foundation

/// Reads an input file without ever holding more than the size limit plus one byte (issue 9):
/// the size of a regular file is checked before reading, a pipe or standard input is read up
/// to the limit and no further, and anything else — a folder, a device — is refused by what it
/// is. A file over the limit comes back with its true size (when known) so the parser can say
/// so, and without its contents.
public enum FileReader {
    public static let limit = YAMLParser.maximumFileSize

    public enum Problem: Error, Sendable {
        case missing
        case folder
        case notAFile
        case unreadable

        /// How the problem reads after a path: "'x.yaml' is a folder, not a file".
        public var description: String {
            switch self {
            case .missing: "does not exist"
            case .folder: "is a folder, not a file"
            case .notAFile: "is not a regular file (a pipe, device or socket)"
            case .unreadable: "cannot be read"
            }
        }
    }

    /// `allowingPipes`: a named pipe is read too (an observations file may be one); a rules
    /// library's files must be regular files, so that a pipe in `people/` cannot hang `check`.
    public static func read(_ path: String, allowingPipes: Bool = false) -> Result<SourceFile, Problem> {
        var status = stat()
        guard stat(path, &status) == 0 else { return .failure(errno == ENOENT ? .missing : .unreadable) }
        let type = status.st_mode & S_IFMT
        if type == S_IFDIR { return .failure(.folder) }
        guard type == S_IFREG || (allowingPipes && type == S_IFIFO) else { return .failure(.notAFile) }
        if type == S_IFREG, Int(status.st_size) > limit {
            return .success(SourceFile(path: path, bytes: [], declaredSize: Int(status.st_size)))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { return .failure(.unreadable) }
        defer { try? handle.close() }
        return .success(SourceFile(path: path, bounded: handle))
    }

    /// Standard input, read up to the limit plus one byte.
    public static func standardInput(named name: String) -> SourceFile {
        SourceFile(path: name, bounded: FileHandle.standardInput)
    }
}

extension SourceFile {
    /// At most `FileReader.limit + 1` bytes from a handle: one byte over is enough to know the
    /// input is too large.
    init(path: String, bounded handle: FileHandle) {
        var bytes: [UInt8] = []
        while bytes.count <= FileReader.limit {
            let chunk = (try? handle.read(upToCount: min(1 << 16, FileReader.limit + 1 - bytes.count))) ?? nil
            guard let chunk, !chunk.isEmpty else { break }
            bytes += chunk
        }
        self.init(path: path, bytes: bytes)
        isTruncated = bytes.count > FileReader.limit
    }
}
