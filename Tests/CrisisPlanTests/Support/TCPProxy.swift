import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A loopback TCP relay in front of a database, so a test can take the database away from the
/// server mid-load (`cut`: every connection reset, new ones refused) and bring it back
/// (`restore`) without stopping the database itself.
final class TCPProxy: @unchecked Sendable {
    let target: Int
    private(set) var port = 0
    private let lock = NSLock()
    private var listener: Int32 = -1
    private var open: [Int32] = []

    init(target: Int) throws {
        self.target = target
        try listen()
    }

    func cut() {
        lock.withLock {
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
            listener = -1
            for descriptor in open { shutdown(descriptor, Int32(SHUT_RDWR)) }
            open = []
        }
    }

    func restore() throws { try listen() }

    private func listen() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(descriptor, 64) == 0 else {
            close(descriptor)
            throw ServerProcess.ServerFailure(message: "proxy cannot listen: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        lock.withLock { listener = descriptor }
        Thread.detachNewThread { [self] in acceptLoop(descriptor) }
    }

    private func acceptLoop(_ descriptor: Int32) {
        while true {
            let client = accept(descriptor, nil, nil)
            guard client >= 0 else { return }
            guard let upstream = try? HTTPReply.connect(port: target) else {
                close(client)
                continue
            }
            lock.withLock { open += [client, upstream] }
            Thread.detachNewThread { Self.pump(from: client, to: upstream) }
            Thread.detachNewThread { Self.pump(from: upstream, to: client) }
        }
    }

    private static func pump(from source: Int32, to sink: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            var sent = 0
            while sent < count {
                let written = buffer[sent..<count].withUnsafeBytes { send(sink, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard written > 0 else { break }
                sent += written
            }
            if sent < count { break }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(sink, Int32(SHUT_RDWR))
    }
}
