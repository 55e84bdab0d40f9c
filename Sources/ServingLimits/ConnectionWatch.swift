import NIOCore

/// One connection's `ConnectionTimer` and the scheduled task that closes the connection when its
/// deadline passes. It lives on the channel's event loop; the handlers that feed it
/// (`InboundActivityHandler` for bytes, `ExchangeObserver` for requests and responses) share it.
public final class ConnectionWatch {
  private var timer: ConnectionTimer
  private let channel: any Channel
  private let connections: ConnectionGuard
  private let deadlines: ConnectionDeadlines
  private var scheduled: Scheduled<Void>?
  private var scheduledFor: ContinuousClock.Instant?
  private var reclaimable = true
  private var lingering = false

  /// A watch for a connection just accepted.
  init(channel: any Channel, tls: Bool, connections: ConnectionGuard) {
    self.channel = channel
    self.connections = connections
    deadlines = connections.limits.deadlines
    timer = ConnectionTimer(tls: tls, limits: deadlines, now: .now)
  }

  /// Requests read and not yet answered.
  public var inFlight: Int { timer.inFlight }

  /// Applies an event to the timer, then tells the guard and moves the scheduled close to match.
  public func update(_ event: (inout ConnectionTimer, ContinuousClock.Instant) -> Void) {
    guard !lingering else { return }
    event(&timer, .now)
    if timer.isReclaimable != reclaimable {
      reclaimable = timer.isReclaimable
      connections.setReclaimable(channel, reclaimable)
    }
    schedule()
  }

  /// The connection is done: it is closed once the client has had `linger` to read the answer.
  public func closeAfterLinger() {
    guard !lingering else { return }
    lingering = true
    connections.setReclaimable(channel, true)
    scheduled?.cancel()
    let channel = self.channel
    scheduled = channel.eventLoop.assumeIsolated().scheduleTask(in: Self.timeAmount(deadlines.linger)) {
      channel.close(promise: nil)
    }
  }

  /// Stops the timer (the channel closed).
  func stop() {
    scheduled?.cancel()
    scheduled = nil
  }

  /// Keeps one task scheduled no later than the deadline: a later deadline leaves the earlier
  /// task, which looks again when it fires, so most requests reschedule nothing.
  func schedule() {
    guard let deadline = timer.deadline else { return }
    if let scheduledFor, scheduled != nil, scheduledFor <= deadline { return }
    scheduled?.cancel()
    scheduledFor = deadline
    scheduled = channel.eventLoop.assumeIsolated().scheduleTask(in: Self.timeAmount(deadline - .now)) {
      self.fire()
    }
  }

  private func fire() {
    scheduled = nil
    scheduledFor = nil
    guard !lingering else { return }
    if timer.isExpired(now: .now) { return channel.close(promise: nil) }
    schedule()
  }

  static func timeAmount(_ duration: Duration) -> TimeAmount {
    let (seconds, attoseconds) = duration.components
    return .nanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
  }
}

@available(*, unavailable)
extension ConnectionWatch: Sendable {}
