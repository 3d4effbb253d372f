import CrisisPlan
import Foundation
import Logging
import Synchronization

/// The users the server accepts: the users file as last read.
///
/// Read again on every library reload (SPEC v2 §9) and, cheaply, whenever its size, time or
/// inode changed when someone signs in — so `crisisplan user unlock` or `user add` take effect
/// at the next sign-in without a reload. A removed user's tokens stop working once it is read.
final class UserDirectory: Sendable {
    let file: UsersFile
    private struct Snapshot: Sendable {
        var accounts: [String: UserAccount] = [:]
        var stamp: FileStamp?
        /// The file as it was when it last failed to read (`.some(nil)`: it was missing), so
        /// that a broken file is logged once, not every second until someone mends it.
        var refused: FileStamp?? = .none
    }
    private let current = Mutex(Snapshot())
    private let logger: Logger?

    init(file: UsersFile, logger: Logger? = nil) {
        self.file = file
        self.logger = logger
    }

    /// Reads the file now; on a problem the previous users stay and the problem is thrown.
    func reload() throws(UsersFile.Problem) {
        let stamp = FileStamp(path: file.path)
        let accounts = try file.read()
        current.withLock { $0 = Snapshot(accounts: Dictionary(accounts.map { ($0.id, $0) }) { first, _ in first }, stamp: stamp) }
    }

    /// Reads the file again if it changed since it was last read. A file that does not read
    /// keeps the previous users, and is logged as an error once per change.
    func refreshIfChanged() {
        let stamp = FileStamp(path: file.path)
        let (read, refused) = current.withLock { ($0.stamp, $0.refused) }
        guard stamp != read, refused != .some(stamp) else { return }
        do throws(UsersFile.Problem) {
            try reload()
        } catch {
            current.withLock { $0.refused = .some(stamp) }
            logger?.error(
                "the users file has a problem; the users read before stay", metadata: ["problem": .string(error.description)])
        }
    }

    var isEmpty: Bool { current.withLock { $0.accounts.isEmpty } }

    func account(_ id: String) -> UserAccount? { current.withLock { $0.accounts[id] } }
}

/// What `stat` says of a file, to notice that it changed without reading it.
struct FileStamp: Equatable, Sendable {
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var modifiedNanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
