import ClusterClient
import KubeCore

/// What the UI thread asks of the connection, as two streams: the pods whose logs to follow (only
/// the latest set matters) and the operations to carry out (every one, in order); and the signal
/// that makes every informer retry the API server now.
struct ConsoleRequests: Sendable {
  /// Shared by every informer of the console: the first to reach the server again wakes the
  /// others, and the retry key fires it.
  let reconnect = ReconnectSignal()
  let follow: AsyncStream<Set<LogSource>>
  let operations: AsyncStream<(id: Int, operation: ConsoleOperation)>
  /// The kinds beyond the AI kinds to keep watched (only the latest set matters).
  let viewedKinds: AsyncStream<[APIResource]>
  private let viewedInput: AsyncStream<[APIResource]>.Continuation
  private let followInput: AsyncStream<Set<LogSource>>.Continuation
  private let operationInput: AsyncStream<(id: Int, operation: ConsoleOperation)>.Continuation

  init() {
    (follow, followInput) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
    (operations, operationInput) = AsyncStream.makeStream()
    (viewedKinds, viewedInput) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(1))
  }

  /// Hands an effect of the reducer to whoever runs it (quitting is the screen's own business).
  func perform(_ effect: ConsoleEffect) {
    switch effect {
    case .followLogs(let sources): followInput.yield(sources)
    case .operate(let id, let operation): operationInput.yield((id, operation))
    case .reconnectNow: reconnect.fire()
    case .watchKinds(let kinds): viewedInput.yield(kinds)
    case .quit: break
    case .switchContext, .readContexts: break  // the launch's own (ConsoleConnections)
    }
  }
}
