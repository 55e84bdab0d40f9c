/// Follows the logs of a changing set of pods and merges them into one stream of records, each
/// tagged with its source; keeps the last lines of each source in a ring for `snapshot()`.
///
/// `run()` owns every stream: each pod's stream is a child task of it, `remove` ends that child,
/// and cancelling `run()` (or `finish()`) ends them all — no task outlives it. The merged stream
/// keeps the newest records when its reader falls behind, so a slow reader costs bounded memory.
public actor LogFollower {
  /// Every record of every followed source, as it arrives; ends when `run()` ends.
  public nonisolated let records: AsyncStream<LogRecord>
  /// Why a source's stream stopped by itself with an error (a refused token, say), by source.
  public private(set) var failures: [LogSource: String] = [:]

  private let output: AsyncStream<LogRecord>.Continuation
  private let starts: AsyncStream<Start>
  private let startContinuation: AsyncStream<Start>.Continuation
  private let client: KubeClient
  private let options: PodLogOptions
  private let clock: any Clock<Duration>
  private let ringCapacity: Int
  private let keptAfterRemoval: Int
  private var following: [LogSource: Following] = [:]
  private var rings: [LogSource: LogRing<LogRecord>] = [:]
  /// Sources no longer followed whose rings are kept, oldest first.
  private var retired: [LogSource] = []
  /// Previous runs read to their end: still wanted, but not read again (they cannot grow).
  private var completed: Set<LogSource> = []
  private var nextID = 0

  /// A stream to start, and the signal that ends it.
  private struct Start: Sendable {
    var source: LogSource
    var id: Int
    var stop: AsyncStream<Void>
  }

  private struct Following {
    var id: Int
    var stop: AsyncStream<Void>.Continuation
  }

  /// A follower reading through `client` with `options`; keeps `ringCapacity` records per source,
  /// and the rings of up to `keptAfterRemoval` sources after they stop, so a crashed pod's last
  /// lines stay visible; `bufferCapacity` bounds `records` for a slow reader.
  public init(
    client: KubeClient, options: PodLogOptions = PodLogOptions(), ringCapacity: Int = 1000,
    keptAfterRemoval: Int = 16, bufferCapacity: Int = 10_000, clock: any Clock<Duration> = ContinuousClock()
  ) {
    self.client = client
    self.options = options
    self.clock = clock
    self.ringCapacity = max(1, ringCapacity)
    self.keptAfterRemoval = max(0, keptAfterRemoval)
    (records, output) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(max(1, bufferCapacity)))
    (starts, startContinuation) = AsyncStream.makeStream()
  }

  /// Follows sources as they are added, until cancelled or `finish()`ed; then ends `records`.
  public func run() async {
    await withDiscardingTaskGroup { group in
      for await start in starts {
        group.addTask { await self.follow(start) }
      }
    }
    output.finish()
  }

  /// Stops following everything and lets `run()` return.
  public func finish() {
    startContinuation.finish()
    for source in Array(following.keys) { remove(source) }
  }

  /// Starts following `source` unless it is followed already, or is a previous run already read
  /// to its end.
  public func add(_ source: LogSource) {
    guard following[source] == nil, !completed.contains(source) else { return }
    retired.removeAll { $0 == source }
    let (stop, stopContinuation) = AsyncStream<Void>.makeStream()
    nextID += 1
    following[source] = Following(id: nextID, stop: stopContinuation)
    failures[source] = nil
    startContinuation.yield(Start(source: source, id: nextID, stop: stop))
  }

  /// Stops following `source`; its last lines stay in `snapshot()` for a while.
  public func remove(_ source: LogSource) {
    completed.remove(source)
    guard let stopped = following.removeValue(forKey: source) else { return }
    stopped.stop.finish()
    retire(source)
  }

  /// Follows exactly `sources`: starts the new ones and stops the others.
  public func setPods(_ sources: Set<LogSource>) {
    for source in following.keys where !sources.contains(source) { remove(source) }
    completed.formIntersection(sources)
    for source in sources { add(source) }
  }

  /// The sources followed now.
  public var sources: Set<LogSource> { Set(following.keys) }

  /// The kept records of one source, oldest first.
  public func records(of source: LogSource) -> [LogRecord] { rings[source]?.elements ?? [] }

  /// The kept records of all sources, merged in time order (`LogRecord.time`); records of equal
  /// time keep their order within a source.
  public func snapshot() -> [LogRecord] {
    let all = rings.keys.sorted { $0.description < $1.description }.flatMap { rings[$0]?.elements ?? [] }
    return all.enumerated().sorted { lhs, rhs in
      let left = lhs.element.time ?? LogTimestamp(seconds: .min)
      let right = rhs.element.time ?? LogTimestamp(seconds: .min)
      return left != right ? left < right : lhs.offset < rhs.offset
    }.map(\.element)
  }

  private nonisolated func follow(_ start: Start) async {
    let stream = PodLogStream(client: client, source: start.source, options: options, clock: clock)
    let failure: String? = await withTaskGroup(of: String?.self) { group in
      group.addTask {
        do {
          for try await record in stream { await self.receive(record, id: start.id) }
          return nil
        } catch {
          return String(describing: error)
        }
      }
      group.addTask {
        for await _ in start.stop {}
        return nil
      }
      let first = await group.next() ?? nil
      group.cancelAll()
      return first
    }
    await ended(start.source, id: start.id, failure: failure)
  }

  private func receive(_ record: LogRecord, id: Int) {
    // A record from a stream already removed (or replaced by a newer one) is late, not news.
    guard following[record.source]?.id == id else { return }
    rings[record.source, default: LogRing(capacity: ringCapacity)].append(record)
    output.yield(record)
  }

  private func ended(_ source: LogSource, id: Int, failure: String?) {
    guard following[source]?.id == id else { return }
    following[source] = nil
    failures[source] = failure
    if source.previous, failure == nil { completed.insert(source) }
    retire(source)
  }

  private func retire(_ source: LogSource) {
    guard rings[source] != nil else { return }
    retired.append(source)
    while retired.count > keptAfterRemoval { rings[retired.removeFirst()] = nil }
  }
}
