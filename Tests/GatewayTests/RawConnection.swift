import Foundation
import NIOCore
import NIOPosix

/// A plain TCP connection to a server under test, for requests no HTTP client sends: a body that trickles or
/// stalls, a request line written by hand.
enum RawConnection {
    struct BadURL: Error {
        let url: String
    }

    static func open(_ baseURL: String) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        guard let url = URL(string: baseURL), let host = url.host else { throw BadURL(url: baseURL) }
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: host, port: url.port ?? 80) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
    }

    /// What arrives until an error answer is complete (its head, then its JSON body's closing `}}`) or the connection
    /// ends. A reset after the answer (the server closing with unread bytes) still leaves the answer to check.
    static func errorAnswer(from inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async -> String {
        var received = ""
        do {
            for try await chunk in inbound {
                received += String(buffer: chunk)
                if received.contains("\r\n\r\n") && received.contains("}}") { break }
            }
        } catch {}
        return received
    }
}
