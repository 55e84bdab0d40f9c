import Hummingbird

/// A plain-HTTP server on a free loopback port, for tests that play a model server or an exporter.
public enum LoopbackHTTPServer {
  /// Starts serving `router`; returns the bound port and the task to cancel when done.
  public static func start(_ router: Router<BasicRequestContext>) async -> (port: Int, task: Task<Void, any Error>) {
    let port = AsyncStream<Int>.makeStream()
    let application = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { port.continuation.yield($0.localAddress?.port ?? 0) })
    let task = Task { try await application.runService() }
    var ports = port.stream.makeAsyncIterator()
    return (await ports.next() ?? 0, task)
  }
}
