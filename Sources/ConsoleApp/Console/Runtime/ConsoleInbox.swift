import Synchronization
import Views

/// Where the console's asynchronous sources leave events for the UI thread: a locked queue plus
/// the UI loop's waker, rung only when the queue goes from empty to not, so a burst of a thousand
/// informer events costs one wake-up and one frame.
final class ConsoleInbox: Sendable {
  /// Log lines queued at most while the UI thread is busy; more are dropped (the log pane keeps
  /// a bounded buffer anyway, and object events must never be dropped).
  static let logBacklog = 20_000

  private struct Queue {
    var events: [ConsoleEvent] = []
    var logs = 0
    var waker: Waker?
  }

  private let queue = Mutex(Queue())

  /// Sets the waker once the UI loop runs; wakes it at once if events are already waiting.
  func attach(_ waker: Waker) {
    let pending = queue.withLock { queue in
      queue.waker = waker
      return !queue.events.isEmpty
    }
    if pending { waker.wake() }
  }

  /// Queues one event and wakes the UI loop if it was idle.
  func post(_ event: ConsoleEvent) {
    let wake: Waker? = queue.withLock { queue in
      if case .log = event {
        guard queue.logs < Self.logBacklog else { return nil }
        queue.logs += 1
      }
      queue.events.append(event)
      return queue.events.count == 1 ? queue.waker : nil
    }
    wake?.wake()
  }

  /// Everything queued, oldest first.
  func drain() -> [ConsoleEvent] {
    queue.withLock { queue in
      defer {
        queue.events.removeAll(keepingCapacity: true)
        queue.logs = 0
      }
      return queue.events
    }
  }
}
