import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `crisisplan serve` started as a real process on a free loopback port, and spoken to over a
/// real socket: the tests see what a browser, a phone or the trust's EHR would.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let startLine: String
    private let errors = Pipe()

    /// Starts the server and waits for its start-up line (which names the port it got).
    init(rules: String = PackageRoot.path + "/Rules", arguments: [String] = [], in directory: String = PackageRoot.path)
        throws
    {
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["serve", "--rules", rules, "--port", "0"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["CRISISPLAN_RULES"] = nil
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while true {
            let byte = try handle.read(upToCount: 1) ?? Data()
            if byte.isEmpty || byte.first == UInt8(ascii: "\n") { break }
            line.append(byte.first!)
        }
        startLine = String(decoding: line, as: UTF8.self)
        guard let range = startLine.range(of: #"http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
            let port = Int(startLine[range].split(separator: ":").last ?? "")
        else {
            process.terminate()
            throw ServerFailure(message: "no start-up line: \(startLine)")
        }
        self.port = port
    }

    struct ServerFailure: Error {
        var message: String
    }

    /// Sends SIGTERM and waits; the exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        return process.terminationStatus
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// What the server wrote to standard error (its logs), once it has stopped.
    func logs() -> String {
        String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    func get(_ path: String) throws -> HTTPReply {
        try HTTPReply.send(port: port, method: "GET", path: path)
    }

    func post(_ path: String, json: String? = nil, headers: [String: String] = [:]) throws -> HTTPReply {
        var headers = headers
        if json != nil, headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        return try HTTPReply.send(port: port, method: "POST", path: path, headers: headers, body: json.map { Array($0.utf8) })
    }
}

/// One HTTP/1.1 exchange over a plain socket, the connection closed after it.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    static func send(
        port: Int, method: String, path: String, headers: [String: String] = [:], body: [UInt8]? = nil,
        declaredLength: Int? = nil
    ) throws -> HTTPReply {
        let socket = try connect(port: port)
        defer { close(socket) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let length = declaredLength ?? body?.count { head += "Content-Length: \(length)\r\n" }
        head += "\r\n"
        try write(socket, Array(head.utf8) + (body ?? []))
        return try read(socket)
    }

    static func connect(port: Int) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw ServerProcess.ServerFailure(message: "cannot connect to port \(port): errno \(errno)")
        }
        return descriptor
    }

    static func write(_ socket: Int32, _ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }  // the server may answer (413) and close before reading all
            sent += count
        }
    }

    /// Reads to the end of the connection and parses status, headers and body.
    static func read(_ socket: Int32) throws -> HTTPReply {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            data += buffer[0..<count]
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            throw ServerProcess.ServerFailure(message: "no HTTP response: \(text.prefix(200))")
        }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return HTTPReply(status: status, headers: headers, body: String(text[split.upperBound...]))
    }
}
