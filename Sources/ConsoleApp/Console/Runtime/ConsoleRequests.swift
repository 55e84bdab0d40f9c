import ClusterClient

/// What the UI thread asks of the connection, as two streams: the pods whose logs to follow (only
/// the latest set matters) and the operations to carry out (every one, in order); and the signal
/// that makes every informer retry the API server now.
struct ConsoleRequests: Sendable {
  /// Shared by every informer of the console: the first to reach the server again wakes the
  /// others, and the retry key fires it.
  let reconnect = ReconnectSignal()
  let follow: AsyncStream<Set<LogSource>>
  let operations: AsyncStream<(id: Int, operation: ConsoleOperation)>
  private let followInput: AsyncStream<Set<LogSource>>.Continuation
  private let operationInput: AsyncStream<(id: Int, operation: ConsoleOperation)>.Continuation

  init() {
    (follow, followInput) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    (operations, operationInput) = AsyncStream.makeStream()
  }

  /// Hands an effect of the reducer to whoever runs it (quitting is the screen's own business).
  func perform(_ effect: ConsoleEffect) {
    switch effect {
    case .followLogs(let sources): followInput.yield(sources)
    case .operate(let id, let operation): operationInput.yield((id, operation))
    case .reconnectNow: reconnect.fire()
    case .quit: break
    }
  }
}
