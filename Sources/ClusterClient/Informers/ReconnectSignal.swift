import Foundation
import Synchronization

/// Wakes reconnect loops that share it: when one of them gets through to the server again (or
/// the operator asks to retry now), every other one stops waiting out its backoff and retries at
/// once, so that a server that came back is seen within one round trip rather than after the
/// longest backoff any loop had reached.
public final class ReconnectSignal: Sendable {
  private struct State {
    var generation = 0
    var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
  }

  private let state = Mutex(State())

  /// A signal no loop waits on yet.
  public init() {}

  /// How many times the signal fired; a wait begun with this value returns at once if it fired
  /// since, so a success that comes between a failure and its wait is not lost.
  public var generation: Int { state.withLock { $0.generation } }

  /// Wakes every loop waiting now.
  public func fire() {
    let waiters = state.withLock { state in
      state.generation += 1
      defer { state.waiters = [:] }
      return Array(state.waiters.values)
    }
    for waiter in waiters { waiter.resume() }
  }

  /// Waits `delay` on `clock`, or less when the signal fires after `generation`; true when the
  /// signal ended the wait.
  public func wait(_ delay: Duration, after generation: Int, clock: any Clock<Duration>) async -> Bool {
    await withTaskGroup(of: Bool.self) { group in
      group.addTask {
        try? await clock.sleep(for: delay)
        return false
      }
      group.addTask {
        await self.fired(after: generation)
        return !Task.isCancelled
      }
      let woken = await group.next() ?? false
      group.cancelAll()
      return woken
    }
  }

  /// Returns when the signal fired after `generation`, or the task is cancelled.
  private func fired(after generation: Int) async {
    let id = UUID()
    await withTaskCancellationHandler {
      await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
        let now = state.withLock { state in
          // Checked under the lock that the cancellation handler takes too, so no waiter is left behind.
          if state.generation > generation || Task.isCancelled { return true }
          state.waiters[id] = waiter
          return false
        }
        if now { waiter.resume() }
      }
    } onCancel: {
      state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
    }
  }
}
