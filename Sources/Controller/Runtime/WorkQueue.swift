import DequeModule

/// The controller's queue of keys to reconcile, with controller-runtime's guarantees: a key queued
/// twice is reconciled once, a key is never handed to two workers at once (added while being
/// processed, it is queued again when that worker is done), failed keys come back after a
/// per-key exponential backoff bounded by an overall token bucket, and `addAfter` schedules a key.
public actor WorkQueue<Key: Hashable & Sendable> {
  private var queue: Deque<Key> = []
  private var queued: Set<Key> = []
  private var processing: Set<Key> = []
  /// Keys added while processing: queued again when their worker calls `done`.
  private var dirty: Set<Key> = []
  private var waiters: [CheckedContinuation<Key?, Never>] = []
  private var scheduled: [Key: ContinuousClock.Instant] = [:]
  private var backoff: ItemBackoff<Key>
  private var bucket: RetryBucket
  private var isShutDown = false

  public init(backoff: ItemBackoff<Key> = ItemBackoff(), bucket: RetryBucket = RetryBucket()) {
    self.backoff = backoff
    self.bucket = bucket
  }

  /// Keys waiting to be handed out.
  public var depth: Int { queue.count }

  /// Queues `key` unless it already waits.
  public func add(_ key: Key) {
    guard !isShutDown else { return }
    if processing.contains(key) {
      dirty.insert(key)
      return
    }
    guard queued.insert(key).inserted else { return }
    if !waiters.isEmpty {
      queued.remove(key)
      processing.insert(key)
      waiters.removeFirst().resume(returning: key)
    } else {
      queue.append(key)
    }
  }

  /// Queues `key` after `delay`; an earlier schedule for the same key wins.
  public func add(_ key: Key, after delay: Duration) {
    guard delay > .zero else { return add(key) }
    let due = ContinuousClock.now + delay
    if let existing = scheduled[key], existing <= due { return }
    scheduled[key] = due
    Task { [weak self] in
      try? await Task.sleep(until: due)
      await self?.fire(key, due: due)
    }
  }

  /// Queues a failed `key` again after its backoff (and the overall bucket's) delay.
  public func addRateLimited(_ key: Key) {
    let delay = max(backoff.next(key), bucket.reserve(now: .now))
    add(key, after: delay)
  }

  /// Forgets `key`'s failures: it reconciled successfully.
  public func forget(_ key: Key) { backoff.forget(key) }

  /// How many times `key` failed in a row.
  public func failures(_ key: Key) -> Int { backoff.failureCount(key) }

  /// The next key to process, waiting for one; nil once the queue is shut down.
  public func next() async -> Key? {
    if let key = queue.popFirst() {
      queued.remove(key)
      processing.insert(key)
      return key
    }
    if isShutDown { return nil }
    return await withCheckedContinuation { waiters.append($0) }
  }

  /// Marks `key` processed; if it was added meanwhile it is queued again now.
  public func done(_ key: Key) {
    processing.remove(key)
    if dirty.remove(key) != nil { add(key) }
  }

  /// Stops handing out keys: waiting workers get nil.
  public func shutDown() {
    isShutDown = true
    for waiter in waiters { waiter.resume(returning: nil) }
    waiters.removeAll()
  }

  private func fire(_ key: Key, due: ContinuousClock.Instant) {
    guard scheduled[key] == due else { return }
    scheduled[key] = nil
    add(key)
  }
}
