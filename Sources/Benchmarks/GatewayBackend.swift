import Foundation
import Hummingbird
import NIOCore

/// The model server behind both proxies in the gateway benchmark: answers every POST at once,
/// with one small completion, or (`streaming`) with a stream of server-sent events: `chunks`
/// content chunks written one by one, a usage chunk and `data: [DONE]`, as OpenAI's servers and
/// vLLM stream a chat completion.
enum GatewayBackend {
  static let reply =
    #"{"id":"chatcmpl-bench","object":"chat.completion","created":0,"model":"bench-model","choices":[{"index":0,"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}"#
  static let chunk =
    #"data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":0,"model":"bench-stream","choices":[{"index":0,"delta":{"content":"tok"},"finish_reason":null}]}"#
    + "\n\n"
  static func usage(_ chunks: Int) -> String {
    #"data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":0,"model":"bench-stream","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":\#(chunks),"total_tokens":\#(chunks + 1)}}"#
      + "\n\ndata: [DONE]\n\n"
  }

  /// Starts the server on a free loopback port; cancel the task to stop it.
  static func start(streaming: Bool, chunks: Int = 200) async throws -> (Int, Task<Void, any Error>) {
    let router = Router()
    let whole = ByteBuffer(string: reply)
    let event = ByteBuffer(string: chunk)
    let last = ByteBuffer(string: usage(chunks))
    router.post("v1/chat/completions") { _, _ in
      guard streaming else {
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: whole))
      }
      return Response(
        status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
        body: .init { writer in
          for _ in 0..<chunks { try await writer.write(event) }
          try await writer.write(last)
          try await writer.finish(nil)
        })
    }
    let port = AsyncStream<Int>.makeStream()
    let application = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { port.continuation.yield($0.localAddress?.port ?? 0) })
    let task = Task { try await application.runService() }
    var ports = port.stream.makeAsyncIterator()
    return (await ports.next() ?? 0, task)
  }
}
