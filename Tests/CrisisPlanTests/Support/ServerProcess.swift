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
    /// The server's working folder: its token key, audit store and spill files.
    let folder: String
    private let errors = Pipe()
    private var tokens: [String: String] = [:]
    private let tokensLock = NSLock()

    /// Starts the server in `folder` (a new one by default) with the test users and an
    /// SQLite audit store there, and waits for its start-up line (which names its port).
    init(
        rules: String = PackageRoot.path + "/Rules", arguments: [String] = [], in folder: String? = nil,
        users: String = TestUsers.file
    ) throws {
        self.folder = folder ?? TemporaryFolder.make("serve")
        var arguments = arguments
        if !arguments.contains("--audit") { arguments += ["--audit", "sqlite:\(self.folder)/audit.sqlite"] }
        process.executableURL = URL(fileURLWithPath: CommandRunner.binary)
        process.arguments = ["serve", "--rules", rules, "--port", "0", "--users", users] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: self.folder)
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
        guard let range = startLine.range(of: #"https?://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
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

    /// A bearer token for the test user of `role`, signed in once per server.
    func token(_ role: String) throws -> String {
        if let token = tokensLock.withLock({ tokens[role] }) { return token }
        let reply = try post("/v1/login", json: #"{"user":"\#(role)","password":"\#(TestUsers.password)"}"#, as: nil)
        guard reply.status == 200,
            let object = try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any],
            let token = object["token"] as? String
        else { throw ServerFailure(message: "sign-in as \(role) failed: \(reply.status) \(reply.body)") }
        tokensLock.withLock { tokens[role] = token }
        return token
    }

    /// A GET signed in as `role` (admin, who may do everything, unless told; nil: signed out).
    func get(_ path: String, as role: String? = "admin", headers: [String: String] = [:]) throws -> HTTPReply {
        var headers = headers
        if let role { headers["Authorization"] = "Bearer " + (try token(role)) }
        return try HTTPReply.send(port: port, method: "GET", path: path, headers: headers)
    }

    func post(_ path: String, json: String? = nil, headers: [String: String] = [:], as role: String? = "admin") throws
        -> HTTPReply
    {
        var headers = headers
        if json != nil, headers["Content-Type"] == nil { headers["Content-Type"] = "application/json" }
        if let role { headers["Authorization"] = "Bearer " + (try token(role)) }
        return try HTTPReply.send(port: port, method: "POST", path: path, headers: headers, body: json.map { Array($0.utf8) })
    }

    /// A browser's sign-in through the pages: the sign-in form's nonce cookie and CSRF field,
    /// then the session cookie the server sets. The `Cookie` header to send from then on.
    func pageSession(_ role: String) throws -> String {
        let form = try HTTPReply.send(port: port, method: "GET", path: "/login")
        guard let nonce = form.cookie("crisisplan_login"), let csrf = form.field("csrf") else {
            throw ServerFailure(message: "no sign-in form: \(form.body.prefix(200))")
        }
        let body = "csrf=\(csrf)&next=%2F&user=\(role)&password=" + TestUsers.password.replacingOccurrences(of: " ", with: "+")
        let reply = try HTTPReply.send(
            port: port, method: "POST", path: "/login",
            headers: ["Content-Type": "application/x-www-form-urlencoded", "Cookie": "crisisplan_login=\(nonce)"],
            body: Array(body.utf8))
        guard reply.status == 303, let session = reply.cookie("crisisplan_session") else {
            throw ServerFailure(message: "page sign-in as \(role) failed: \(reply.status)")
        }
        return "crisisplan_session=\(session)"
    }

    /// A page fetched with a session cookie.
    func page(_ path: String, cookie: String, form: String? = nil) throws -> HTTPReply {
        try HTTPReply.send(
            port: port, method: form == nil ? "GET" : "POST", path: path,
            headers: form == nil ? ["Cookie": cookie] : ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"],
            body: form.map { Array($0.utf8) })
    }

    /// `crisisplan audit verify` (or another `audit` command) on this server's store.
    func audit(_ arguments: [String]) throws -> CommandResult {
        try CommandRunner.run(["audit"] + arguments + ["--audit", "sqlite:\(folder)/audit.sqlite"], in: folder)
    }
}

/// One HTTP/1.1 exchange over a plain socket, the connection closed after it.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The value a `Set-Cookie` header gives cookie `name`.
    func cookie(_ name: String) -> String? {
        guard let header = headers["set-cookie"], header.hasPrefix(name + "=") else { return nil }
        return String(header.dropFirst(name.count + 1).prefix { $0 != ";" })
    }

    /// The value of the first form field `name` in an HTML body.
    func field(_ name: String) -> String? {
        guard let range = body.range(of: #"name="\#(name)" value=""#) else { return nil }
        return String(body[range.upperBound...].prefix { $0 != "\"" })
    }

    static func send(
        port: Int, method: String, path: String, headers: [String: String] = [:], body: [UInt8]? = nil,
        declaredLength: Int? = nil, from source: String? = nil
    ) throws -> HTTPReply {
        let socket = try connect(port: port, from: source)
        defer { close(socket) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let length = declaredLength ?? body?.count { head += "Content-Length: \(length)\r\n" }
        head += "\r\n"
        try write(socket, Array(head.utf8) + (body ?? []))
        return try read(socket)
    }

    /// A connection to the server on loopback, from `source` (another loopback address, such
    /// as 127.0.0.2, to be a second client) when given.
    static func connect(port: Int, from source: String? = nil) throws -> Int32 {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            _ = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
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
