import Synchronization

/// The live load of every instance the gateway serves, from the requests really running through
/// it: requests running and waiting per instance (for the router's least-busy choice), token
/// totals, and each instance's GPU utilisation, memory, power and temperature derived from them.
///
/// A request holds a `Ticket` from `begin` to `end`. An instance runs
/// `maxRunningRequestsPerGPU × gpus` requests at once; later arrivals count as waiting until
/// earlier ones end. Utilisation heads for `running / (saturatingRequestsPerGPU × gpus)` (at most
/// 1) with a 2 s exponential lag, so an idle instance decays smoothly to its idle baseline.
public actor InstanceLoad {
  /// A request in flight on one instance.
  public struct Ticket: Sendable, Hashable {
    let id: UInt64
    /// The instance's Pod.
    public let pod: String
    let promptTokens: Int
  }

  public nonisolated let profile: GPUProfile
  private let now: @Sendable () -> Duration
  private var activities: [String: InstanceActivity] = [:]
  private var nextID: UInt64 = 0
  /// Tickets whose generations were dropped unfinished, ended on the next isolated call: a
  /// deinit cannot await the actor.
  private nonisolated let dropped = Mutex<[(Ticket, Int)]>([])
  /// Requests in flight per Pod, readable without a hop: the router picks on an event loop.
  private nonisolated let inFlightCounts = Mutex<[String: Int]>([:])

  /// Load measured on `clock` (injected so tests can move time by hand).
  public init(profile: GPUProfile = GPUProfile(), clock: some Clock<Duration> = ContinuousClock()) {
    self.profile = profile
    let start = clock.now
    now = { start.duration(to: clock.now) }
  }

  /// Requests running on `pod`.
  public func running(_ pod: String) -> Int {
    endDropped()
    return activities[pod]?.running(profile) ?? 0
  }

  /// Requests waiting on `pod` for a slot.
  public func waiting(_ pod: String) -> Int {
    endDropped()
    return activities[pod]?.waiting(profile) ?? 0
  }

  /// Requests in flight on `pod`, running or waiting: what the router compares to pick the least busy.
  public func inFlight(_ pod: String) -> Int {
    endDropped()
    return activities[pod]?.inFlight.count ?? 0
  }

  /// Requests in flight on `pod` as last recorded, without waiting for the actor.
  public nonisolated func inFlightNow(_ pod: String) -> Int { inFlightCounts.withLock { $0[pod] ?? 0 } }

  /// Registers a request on `instance` that will hold `promptTokens + completionTokens` tokens of
  /// context. Returns its ticket and the requests that were in flight before it.
  public func begin(
    on instance: ServingInstance, promptTokens: Int, completionTokens: Int
  ) -> (ticket: Ticket, ahead: Int, tokensAhead: Int) {
    endDropped()
    var activity = current(instance)
    let ahead = activity.inFlight.count
    let tokensAhead = activity.inFlight.reduce(0) { $0 + $1.tokens }
    nextID += 1
    activity.inFlight.append(.init(id: nextID, tokens: promptTokens + completionTokens))
    activities[instance.pod] = activity
    inFlightCounts.withLock { $0[instance.pod] = activity.inFlight.count }
    return (Ticket(id: nextID, pod: instance.pod, promptTokens: promptTokens), ahead, tokensAhead)
  }

  /// Ends a request that produced `generatedTokens`; its prompt counts as processed unless it `failed`.
  public func end(_ ticket: Ticket, generatedTokens: Int, failed: Bool = false) {
    endDropped()
    finish(ticket, generatedTokens: generatedTokens, failed: failed)
  }

  /// Ends a ticket from outside the actor without waiting: for a generation dropped unfinished.
  nonisolated func drop(_ ticket: Ticket, generatedTokens: Int) {
    dropped.withLock { $0.append((ticket, generatedTokens)) }
  }

  /// The load of `instance` now (idle when it never served a request).
  public func reading(_ instance: ServingInstance) -> InstanceLoadReading {
    endDropped()
    let activity = current(instance)
    if activities[instance.pod] != nil { activities[instance.pod] = activity }
    return InstanceLoadReading(activity, profile)
  }

  private func finish(_ ticket: Ticket, generatedTokens: Int, failed: Bool) {
    guard var activity = activities[ticket.pod] else { return }
    activity.advance(to: now(), profile)
    guard let index = activity.inFlight.firstIndex(where: { $0.id == ticket.id }) else { return }
    activity.inFlight.remove(at: index)
    inFlightCounts.withLock { $0[ticket.pod] = activity.inFlight.count }
    if !failed { activity.promptTokens += ticket.promptTokens }
    activity.generationTokens += generatedTokens
    activities[ticket.pod] = activity
  }

  /// The activity of `instance`, brought up to now (created idle on its first request).
  private func current(_ instance: ServingInstance) -> InstanceActivity {
    let time = now()
    var activity = activities[instance.pod] ?? InstanceActivity(instance: instance, updatedAt: time)
    activity.instance = instance
    activity.advance(to: time, profile)
    return activity
  }

  private func endDropped() {
    let tickets = dropped.withLock { list in
      defer { list.removeAll() }
      return list
    }
    for (ticket, generated) in tickets { finish(ticket, generatedTokens: generated, failed: false) }
  }
}
