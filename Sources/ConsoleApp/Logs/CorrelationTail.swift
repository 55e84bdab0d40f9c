import ClusterClient
import KubeCore

/// Follows every log that can carry a correlation ID at once — the controller's and gateway's
/// component pods in `aiconsole-system` and every instance pod (labelled `ai.aiconsole.dev/cluster`,
/// in all namespaces) — and keeps the lines its filter passes, merged in time order, each with its
/// source, in a bounded buffer. New pods are followed as they appear, through pod informers.
///
/// `run()` owns everything it starts (the informers, one stream per pod) as child tasks and
/// returns once cancelled.
actor CorrelationTail {
  /// The namespace of the embedded components' pods.
  static let componentNamespace = "aiconsole-system"
  /// The label every model instance pod carries.
  static let instanceLabel = "ai.aiconsole.dev/cluster"
  static let podResource = CoreResources.pods

  /// What a line must pass to be kept (usually a correlation ID).
  nonisolated let filter: LogFilter
  /// Every passing line, as it arrives; ends when `run()` returns.
  nonisolated let records: AsyncStream<LogRecord>
  private let output: AsyncStream<LogRecord>.Continuation
  private let client: KubeClient
  private let scope: Scope
  private let backoff: Backoff
  private let follower: LogFollower
  private var merged: MergedLog
  private var fresh: [LogRecord] = []

  /// Which pods are followed: the component pods always; instance pods when `instances` is set,
  /// in `instanceNamespace` only when given (else in all namespaces).
  struct Scope: Sendable {
    var instances = true
    var instanceNamespace: String?
  }

  /// A tail of the lines `filter` passes, reading with `options`, keeping `capacity` of them.
  init(
    client: KubeClient, filter: LogFilter, scope: Scope = Scope(), options: PodLogOptions = PodLogOptions(),
    capacity: Int = 10_000, backoff: Backoff = Backoff()
  ) {
    self.client = client
    self.filter = filter
    self.scope = scope
    self.backoff = backoff
    follower = LogFollower(client: client, options: options, ringCapacity: 1, bufferCapacity: 50_000)
    merged = MergedLog(capacity: capacity)
    (records, output) = AsyncStream.makeStream(bufferingPolicy: .bufferingNewest(capacity))
  }

  /// A tail of one correlation ID across every component and instance pod.
  init(client: KubeClient, correlationID: String, options: PodLogOptions = PodLogOptions(), capacity: Int = 10_000) {
    self.init(client: client, filter: LogFilter(correlationID: correlationID), options: options, capacity: capacity)
  }

  /// Follows until cancelled; then every stream and informer has ended and `records` is finished.
  func run() async {
    let follower = follower
    await withDiscardingTaskGroup { group in
      group.addTask { await follower.run() }
      group.addTask { await self.watch(self.componentInformer()) }
      if scope.instances { group.addTask { await self.watch(self.instanceInformer()) } }
      for await record in follower.records where filter.matches(record) { keep(record) }
      group.cancelAll()
    }
    output.finish()
  }

  /// The kept lines, oldest first, in time order across sources.
  func snapshot() -> [LogRecord] { Array(merged.kept) }

  /// The lines kept since the last call, in time order: what a printer prints next.
  func drain() -> [LogRecord] {
    defer { fresh.removeAll() }
    return MergedLog.sorted(fresh)
  }

  /// The pods followed now.
  func sources() async -> Set<LogSource> { await follower.sources }

  private func keep(_ record: LogRecord) {
    merged.insert(record)
    fresh.append(record)
    if fresh.count > merged.capacity { fresh.removeFirst(fresh.count - merged.capacity) }
    output.yield(record)
  }

  private nonisolated func componentInformer() -> Informer {
    Informer(client: client, resource: Self.podResource, namespace: Self.componentNamespace, backoff: backoff)
  }

  private nonisolated func instanceInformer() -> Informer {
    Informer(
      client: client, resource: Self.podResource, namespace: scope.instanceNamespace, labelSelector: Self.instanceLabel,
      backoff: backoff)
  }

  /// Tells the follower about the informer's pods until cancelled.
  private nonisolated func watch(_ informer: Informer) async {
    let events = await informer.events()
    await withDiscardingTaskGroup { group in
      group.addTask { await informer.run() }
      for await event in events {
        switch event {
        case .added(let pod), .modified(_, let pod):
          if let source = Self.source(of: pod) { await follower.add(source) }
        case .deleted(let pod):
          if let source = Self.source(of: pod) { await follower.remove(source) }
        case .state: break
        }
      }
      group.cancelAll()
    }
  }

  /// The pod's log source; nil for the API server's own request log, which logs every log read
  /// and append of the others and carries no correlation IDs.
  static func source(of pod: JSONValue) -> LogSource? {
    guard let name = pod[path: ["metadata", "name"]]?.stringValue,
      let namespace = pod[path: ["metadata", "namespace"]]?.stringValue,
      pod[path: ["metadata", "labels", "app.kubernetes.io/component"]]?.stringValue != "apiserver",
      !(namespace == componentNamespace && name.contains("apiserver"))
    else { return nil }
    return LogSource(namespace: namespace, pod: name)
  }
}
