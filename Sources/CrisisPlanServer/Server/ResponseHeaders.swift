import HTTPTypes
import Hummingbird
import NIOCore
import NIOHTTPTypes

/// What every response carries, set on its head as it leaves for the socket — so a response
/// the HTTP layer writes itself (a request it could not read, answered 400 before any route
/// or middleware runs) carries it too.
///
/// The security headers (issue 11): no inline script or outside asset may run, no type
/// sniffing, no referrer, no framing, and nothing cached — answers hold people's data;
/// `Strict-Transport-Security` only under TLS, where it means something. And an
/// `X-Request-Id` where `RequestIDMiddleware` set none: the logs know such a request only by
/// its connection, but a report can still quote the id.
final class ResponseHeaders: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    private let tls: Bool

    init(tls: Bool) {
        self.tls = tls
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .head(var head) = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        head.headerFields[.contentSecurityPolicy] = Self.contentSecurityPolicy
        head.headerFields[.xContentTypeOptions] = "nosniff"
        head.headerFields[.referrerPolicy] = "no-referrer"
        head.headerFields[.xFrameOptions] = "DENY"
        if head.headerFields[.cacheControl] == nil { head.headerFields[.cacheControl] = "no-store" }
        if tls { head.headerFields[.strictTransportSecurity] = "max-age=31536000" }
        if head.headerFields[.requestID] == nil { head.headerFields[.requestID] = RequestID().description }
        context.write(wrapOutboundOut(.head(head)), promise: promise)
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = HTTPField.Name("X-Content-Type-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let strictTransportSecurity = HTTPField.Name("Strict-Transport-Security")!
}
