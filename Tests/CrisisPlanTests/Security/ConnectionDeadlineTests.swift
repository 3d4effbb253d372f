import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Testing

@testable import CrisisPlanServer

/// A connection cannot be held open by trickling: headers must arrive within 10 s of it
/// opening, and a request's body within 60 s of its headers, whatever arrives in between.
@Suite("Connection deadlines")
struct ConnectionDeadlineTests {
    static func channel() throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "192.0.2.7", port: 5000)).wait()
        try channel.pipeline.syncOperations.addHandler(ConnectionLimits.Handler(limits: ConnectionLimits(exempt: TrustedProxies([]))))
        return (channel, loop)
    }

    static let head = HTTPRequestPart.head(HTTPRequest(method: .post, scheme: "http", authority: "x", path: "/v1/login"))

    @Test("a body sent a byte every five seconds is cut off 60 s after its headers")
    func tricklingBody() throws {
        let (channel, loop) = try Self.channel()
        try channel.writeInbound(Self.head)
        for _ in 0..<11 {
            loop.advanceTime(by: .seconds(5))
            try channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: "x")))
            #expect(channel.isActive)
        }
        loop.advanceTime(by: .seconds(5))
        #expect(!channel.isActive)
    }

    @Test("a body that ends in time keeps the connection, for the next request too")
    func wholeBodyInTime() throws {
        let (channel, loop) = try Self.channel()
        try channel.writeInbound(Self.head)
        loop.advanceTime(by: .seconds(30))
        try channel.writeInbound(HTTPRequestPart.end(nil))
        loop.advanceTime(by: .seconds(120))
        #expect(channel.isActive)
        _ = try channel.finish(acceptAlreadyClosed: true)
    }

    @Test("headers that never come close the connection after 10 s")
    func noHeaders() throws {
        let (channel, loop) = try Self.channel()
        loop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(2))
        #expect(!channel.isActive)
    }
}
