import Synchronization
import Views

/// Where the console's asynchronous sources leave events for the UI thread: a locked queue plus
/// the UI loop's waker, rung only when the queue goes from empty to not, so a burst of a thousand
/// informer events costs one wake-up and one frame.
///
/// Each connection to a cluster posts through its own handle (`connection(_:)`), which carries
/// the connection's generation. A context switch starts a new generation (`beginGeneration`):
/// from that moment the old handles' posts are refused and whatever they queued and the UI has
/// not drained yet is dropped, under the same lock, so no event of the old cluster can reach the
/// state after the switch was announced, however late its informer or request answers.
final class ConsoleInbox: Sendable {
  /// Log lines queued at most while the UI thread is busy; more are dropped (the log pane keeps
  /// a bounded buffer anyway, and object events must never be dropped).
  static let logBacklog = 20_000

  private struct Queue {
    /// Each event with the generation of the connection that posted it; nil for the UI's own.
    var events: [(generation: Int?, event: ConsoleEvent)] = []
    var logs = 0
    var waker: Waker?
    /// The connection whose events are taken now.
    var generation = 0
  }

  /// Shared by the UI's inbox and every connection's handle.
  private final class Shared: Sendable {
    let queue = Mutex(Queue())
  }

  private let shared: Shared
  /// The connection this handle posts for; nil for the UI's own handle (the editor's result, the
  /// launch's messages), whose events belong to no connection and are never dropped.
  let generation: Int?

  init() {
    shared = Shared()
    generation = nil
  }

  private init(shared: Shared, generation: Int) {
    self.shared = shared
    self.generation = generation
  }

  /// The handle connection `generation` posts through.
  func connection(_ generation: Int) -> ConsoleInbox { ConsoleInbox(shared: shared, generation: generation) }

  /// The connection whose events are taken now.
  var currentGeneration: Int { shared.queue.withLock { $0.generation } }

  /// Starts generation `generation` (later than the current one): drops what older connections
  /// queued, refuses their posts from now on, and queues `announcement` as the new connection's
  /// first event.
  func beginGeneration(_ generation: Int, announcing announcement: ConsoleEvent) {
    let wake: Waker? = shared.queue.withLock { queue in
      precondition(generation > queue.generation, "a generation is begun once, in order")
      queue.generation = generation
      queue.events.removeAll { $0.generation.map { $0 < generation } ?? false }
      queue.logs = queue.events.count { if case .log = $0.event { true } else { false } }
      queue.events.append((generation, announcement))
      return queue.events.count == 1 ? queue.waker : nil
    }
    wake?.wake()
  }

  /// Sets the waker once the UI loop runs; wakes it at once if events are already waiting.
  func attach(_ waker: Waker) {
    let pending = shared.queue.withLock { queue in
      queue.waker = waker
      return !queue.events.isEmpty
    }
    if pending { waker.wake() }
  }

  /// Queues one event and wakes the UI loop if it was idle; an event of a replaced connection is
  /// dropped.
  func post(_ event: ConsoleEvent) { post([event]) }

  /// Queues `events` in order under one lock (an informer's page of a thousand additions is one
  /// post, not a thousand), and wakes the UI loop if it was idle; the events of a replaced
  /// connection are dropped.
  func post(_ events: [ConsoleEvent]) {
    guard !events.isEmpty else { return }
    let wake: Waker? = shared.queue.withLock { queue in
      if let generation, generation != queue.generation { return nil }
      let wasEmpty = queue.events.isEmpty
      for event in events {
        if case .log = event {
          guard queue.logs < Self.logBacklog else { continue }
          queue.logs += 1
        }
        queue.events.append((generation, event))
      }
      return wasEmpty && !queue.events.isEmpty ? queue.waker : nil
    }
    wake?.wake()
  }

  /// Everything queued, oldest first.
  func drain() -> [ConsoleEvent] { drainBatch().events }

  /// Everything queued, oldest first, and the generation the state is about once they are
  /// reduced: effects of that batch belong to that connection.
  func drainBatch() -> (events: [ConsoleEvent], generation: Int) {
    shared.queue.withLock { queue in
      defer {
        queue.events.removeAll(keepingCapacity: true)
        queue.logs = 0
      }
      return (queue.events.map(\.event), queue.generation)
    }
  }
}
