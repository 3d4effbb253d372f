import HTTPTypes
import NIOHTTPTypes
import NIOCore
import Synchronization

/// Bounds on connections, so half-open sockets cannot take the service down: the first
/// request's headers must arrive within 10 s of the connection opening, a request's body within
/// 60 s of its headers (a byte every few seconds would otherwise hold the connection for ever,
/// each byte resetting the idle timeout), and one client address
/// (an IPv6 /64) holds at most 256 connections — the rest are closed at once; a trusted proxy
/// (`--trusted-proxy`) is not counted. A connection that then goes quiet (idle keep-alive, or
/// headers trickling in with nothing decoded) is closed after 60 s by the HTTP channel's own
/// idle timeout.
final class ConnectionLimits: Sendable {
    static let headerSeconds: Int64 = 10
    static let idleSeconds: Int64 = 60
    static let bodySeconds: Int64 = 60
    static let perAddress = 256

    private let open = Mutex<[String: Int]>([:])
    /// Trusted proxies carry many people's connections, and are not counted.
    let exempt: TrustedProxies

    init(exempt: TrustedProxies) {
        self.exempt = exempt
    }

    /// The handlers for one new connection.
    func handlers() -> [any RemovableChannelHandler] { [Handler(limits: self)] }

    /// Counts a connection in; false when its address already holds the most it may.
    func admit(_ address: String) -> Bool {
        open.withLock { open in
            let count = open[address, default: 0]
            guard count < Self.perAddress else { return false }
            open[address] = count + 1
            return true
        }
    }

    func release(_ address: String) {
        open.withLock { open in
            let count = open[address, default: 1] - 1
            open[address] = count > 0 ? count : nil
        }
    }

    /// Sits after the HTTP decoder: sees each request's head, and the connection's life.
    final class Handler: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart

        private let limits: ConnectionLimits
        private var address: String?
        private var headerDeadline: Scheduled<Void>?
        private var bodyDeadline: Scheduled<Void>?

        init(limits: ConnectionLimits) {
            self.limits = limits
        }

        func handlerAdded(context: ChannelHandlerContext) {
            let peer = context.channel.remoteAddress?.ipAddress ?? "unknown"
            if limits.exempt.contains(peer) {
                waitForHeaders(context)
                return
            }
            let address = ClientAddress.key(peer)
            guard limits.admit(address) else {
                context.close(promise: nil)
                return
            }
            self.address = address
            waitForHeaders(context)
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            headerDeadline?.cancel()
            bodyDeadline?.cancel()
            if let address { limits.release(address) }
            address = nil
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head:
                headerDeadline?.cancel()
                headerDeadline = nil
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                bodyDeadline = context.eventLoop.scheduleTask(in: .seconds(ConnectionLimits.bodySeconds)) {
                    loopBound.value.close(promise: nil)
                }
            case .end:
                bodyDeadline?.cancel()
                bodyDeadline = nil
            case .body:
                break
            }
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            headerDeadline?.cancel()
            bodyDeadline?.cancel()
            context.fireChannelInactive()
        }

        private func waitForHeaders(_ context: ChannelHandlerContext) {
            headerDeadline?.cancel()
            let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
            headerDeadline = context.eventLoop.scheduleTask(in: .seconds(ConnectionLimits.headerSeconds)) {
                loopBound.value.close(promise: nil)
            }
        }
    }
}
