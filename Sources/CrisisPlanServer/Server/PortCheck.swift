import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Whether the service could listen on its address, tried before anything is loaded: a port
/// in use is then the one line the operator sees, not the last line after the library's.
///
/// The socket is bound as the server binds it (`SO_REUSEADDR`) and closed at once; the server
/// binds again when it starts, so a port taken in between still fails there, in one line too.
enum PortCheck {
    /// The `errno` of a failed bind, or nil when the address could be bound (or is not one
    /// this check can read, which the server then reports itself).
    static func bindError(host: String, port: Int) -> Int32? {
        guard port > 0 else { return nil }
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { return nil }
        defer { freeaddrinfo(first) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var on: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        return bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 ? nil : errno
    }
}
