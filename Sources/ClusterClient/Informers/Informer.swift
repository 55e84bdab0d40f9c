import Foundation
import KubeCore

/// Keeps a local cache of one resource equal to the server's: list, then watch from the list's
/// resourceVersion with bookmarks; after a dropped connection resume from the last version seen,
/// with backoff; after `410 Gone`, list again and emit the difference, so that no change is lost
/// or told twice. Subscribers get the cache's objects as additions, then every change.
public actor Informer {
  public nonisolated let resource: APIResource
  private let client: KubeClient
  private let namespace: String?
  private let labelSelector: String?
  /// Lists the resource in pages, the next on its way while the last is applied.
  private let pager: ListPager
  /// Applied to every object before it is cached or told (client-go's `SetTransform`).
  private let transform: (@Sendable (JSONValue) -> JSONValue)?
  private var cache = ObjectCache()
  private var lastResourceVersion: String?
  private var subscribers: [UUID: AsyncStream<InformerEvent>.Continuation] = [:]
  private var batchSubscribers: [UUID: AsyncStream<[InformerEvent]>.Continuation] = [:]
  /// Whether the informer asks for the server's Table: each object then comes with its cells.
  private let table: Bool
  /// Each object's cells in `columns`, for an informer of a Table.
  private var cells: [NamespacedName: [JSONValue]] = [:]
  /// The server's Table columns, once a list or watch told them.
  public private(set) var columns: [ServerTable.Column] = []
  private var rowSubscribers: [UUID: AsyncStream<TableInformerEvent>.Continuation] = [:]
  private var backoff: Backoff
  private let reconnect: ReconnectSignal
  private let clock: any Clock<Duration>
  /// The last backoff wait was cut short by the reconnect signal: this retry rides on another's
  /// success, so it does not fire the signal itself (two informers whose watches the server ends
  /// at once must not wake each other in a loop).
  private var woken = false
  /// Where the cache stands; subscribers also get every change of it as an event.
  public private(set) var state: SyncState = .syncing(loaded: 0, total: nil)
  /// How many times the informer listed (the first sync and each relist after `410 Gone`).
  public private(set) var listCount = 0

  /// An informer of `resource` in `namespace` (nil: all) limited to `labelSelector`. Informers
  /// that share `reconnect` wake each other: after a disconnection, the first to reach the server
  /// again ends the others' backoff waits. `clock` times those waits. `transform` (for example
  /// `Informer.withoutManagedFields`) rewrites each object before it is cached.
  public init(
    client: KubeClient, resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
    pageSize: Int = 500, backoff: Backoff = Backoff(), reconnect: ReconnectSignal = ReconnectSignal(),
    clock: any Clock<Duration> = ContinuousClock(), table: Bool = false,
    transform: (@Sendable (JSONValue) -> JSONValue)? = nil
  ) {
    let namespace = resource.namespaced ? namespace : nil
    self.init(
      client: client, resource: resource, namespace: namespace, labelSelector: labelSelector,
      pager: ListPager(client: client, resource: resource, namespace: namespace, pageSize: pageSize),
      backoff: backoff, reconnect: reconnect, clock: clock, table: table, transform: transform)
  }

  /// An informer that lists through `pager` (tests hand it a pager over a server that misbehaves).
  init(
    client: KubeClient, resource: APIResource, namespace: String? = nil, labelSelector: String? = nil,
    pager: ListPager, backoff: Backoff = Backoff(), reconnect: ReconnectSignal = ReconnectSignal(),
    clock: any Clock<Duration> = ContinuousClock(), table: Bool = false,
    transform: (@Sendable (JSONValue) -> JSONValue)? = nil
  ) {
    self.transform = transform
    self.table = table
    self.reconnect = reconnect
    self.clock = clock
    self.client = client
    self.resource = resource
    self.namespace = resource.namespaced ? namespace : nil
    self.labelSelector = labelSelector
    self.pager = pager
    self.backoff = backoff
  }

  /// Lists and watches until the task is cancelled.
  public func run() async {
    var mustList = true
    while !Task.isCancelled {
      do {
        if mustList {
          try await relist()
          mustList = false
        }
        try await follow()
      } catch KubeError.gone {
        mustList = true
      } catch {
        if Task.isCancelled { break }
        await disconnected(error)
      }
    }
    for continuation in subscribers.values { continuation.finish() }
    subscribers.removeAll()
    for continuation in batchSubscribers.values { continuation.finish() }
    batchSubscribers.removeAll()
    for continuation in rowSubscribers.values { continuation.finish() }
    rowSubscribers.removeAll()
  }

  /// A stream of events: first an addition for each cached object and the current state, then
  /// every change as it is applied. It ends when the informer stops.
  public func events() -> AsyncStream<InformerEvent> {
    let (stream, continuation) = AsyncStream<InformerEvent>.makeStream()
    let id = UUID()
    for object in cache.all { continuation.yield(.added(object)) }
    continuation.yield(.state(state))
    subscribers[id] = continuation
    continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
    return stream
  }

  /// The same events as `events()`, in the batches the informer applies them in: the cached
  /// objects and the state, then each page of the first list, each relist's difference and each
  /// watch event. A subscriber that forwards events elsewhere pays one hop per batch, not per
  /// object: the 100,000 additions of a first list cross as 200 pages. It ends when the informer
  /// stops.
  public func batches() -> AsyncStream<[InformerEvent]> {
    let (stream, continuation) = AsyncStream<[InformerEvent]>.makeStream()
    let id = UUID()
    continuation.yield(cache.all.map(InformerEvent.added) + [.state(state)])
    batchSubscribers[id] = continuation
    continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribeBatches(id) } }
    return stream
  }

  /// For an informer of a Table: the columns once known, then each cached object with its cells
  /// and the current state, then every change with the new cells. It ends when the informer stops.
  public func rows() -> AsyncStream<TableInformerEvent> {
    let (stream, continuation) = AsyncStream<TableInformerEvent>.makeStream()
    let id = UUID()
    if !columns.isEmpty { continuation.yield(.columns(columns)) }
    for object in cache.all { continuation.yield(.change(.added(object), cells: cells(of: object))) }
    continuation.yield(.change(.state(state), cells: []))
    rowSubscribers[id] = continuation
    continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribeRows(id) } }
    return stream
  }

  /// The cached objects of `namespace` (nil: all) matching `selector`.
  public func list(namespace: String? = nil, selector: LabelSelector = .everything) -> [JSONValue] {
    cache.list(namespace: namespace, selector: selector)
  }

  /// One cached object.
  public func object(namespace: String?, name: String) -> JSONValue? {
    cache.object(NamespacedName(namespace: namespace, name: name))
  }

  /// The cached objects decoded as `T` (a typed AI kind); objects that do not decode are skipped.
  public func objects<T: Decodable>(as type: T.Type, namespace: String? = nil) -> [T] {
    cache.list(namespace: namespace).compactMap { try? $0.decode(as: T.self) }
  }

  public var count: Int { cache.count }

  /// Waits until the cache is synced (or the task is cancelled).
  public func waitUntilSynced() async {
    let stream = events()
    for await event in stream {
      if case .state(.synced) = event { return }
    }
  }

  private func unsubscribe(_ id: UUID) { subscribers[id] = nil }
  private func unsubscribeRows(_ id: UUID) { rowSubscribers[id] = nil }
  private func unsubscribeBatches(_ id: UUID) { batchSubscribers[id] = nil }

  private func publish(_ event: InformerEvent) { publish([event]) }

  /// Tells `events` to every subscriber: one by one to `events()` and `rows()`, as one batch to
  /// `batches()`.
  private func publish(_ events: [InformerEvent]) {
    guard !events.isEmpty else { return }
    for continuation in batchSubscribers.values { continuation.yield(events) }
    for continuation in subscribers.values {
      for event in events { continuation.yield(event) }
    }
    guard !rowSubscribers.isEmpty else { return }
    for event in events {
      let rowEvent = TableInformerEvent.change(event, cells: event.object.map(cells(of:)) ?? [])
      for continuation in rowSubscribers.values { continuation.yield(rowEvent) }
    }
  }

  private func cells(of object: JSONValue) -> [JSONValue] {
    NamespacedName(of: object).flatMap { cells[$0] } ?? []
  }

  /// Keeps a Table's columns and an object's cells before the object's event goes out.
  private func remember(columns new: [ServerTable.Column]?, cells objectCells: [JSONValue]?, of object: JSONValue) {
    if let new, !new.isEmpty, new != columns {
      columns = new
      for continuation in rowSubscribers.values { continuation.yield(.columns(new)) }
    }
    if let objectCells, let key = NamespacedName(of: object) { cells[key] = objectCells }
  }

  private func setState(_ new: SyncState) {
    guard new != state else { return }
    state = new
    publish(.state(new))
  }

  private func relist() async throws {
    listCount += 1
    setState(.syncing(loaded: 0, total: nil))
    var options = ListOptions(labelSelector: labelSelector)
    options.table = table
    // A first list shows its pages as they come, straight into the empty cache, and keeps none of
    // them; a relist must tell only the difference, so it gathers the whole list first.
    let first = cache.count == 0
    var gathered = ObjectList(items: [], resourceVersion: "")
    let outcome = try await pager.list(options, progress: { loaded, total in progress(loaded, total) }) { page in
      if first {
        applyFirstPage(page)
      } else {
        gathered.items += page.items
        if let pageCells = page.cells { gathered.cells = (gathered.cells ?? []) + pageCells }
        gathered.columns = page.columns ?? gathered.columns
      }
    }
    switch outcome {
    case .paged(let resourceVersion):
      if !first { replace(with: gathered) }
      lastResourceVersion = resourceVersion
    case .whole(let list):
      // The continue token expired: this later list replaces whatever pages went in.
      replace(with: list)
      lastResourceVersion = list.resourceVersion
    }
    reachedServer()
    setState(.synced)
  }

  /// Makes the cache equal to `list`, telling subscribers each difference.
  private func replace(with list: ObjectList) {
    let items = transform.map { list.items.map($0) } ?? list.items
    if let rowCells = list.cells {
      cells.removeAll(keepingCapacity: true)
      for (object, objectCells) in zip(items, rowCells) {
        remember(columns: list.columns, cells: objectCells, of: object)
      }
    }
    publish(cache.replace(with: items))
  }

  /// One page of the first list, published as additions at once.
  private func applyFirstPage(_ page: ObjectList) {
    var added: [InformerEvent] = []
    added.reserveCapacity(page.items.count)
    for (index, item) in page.items.enumerated() {
      let object = transform?(item) ?? item
      remember(columns: page.columns, cells: page.cells?[index], of: object)
      if cache.upsert(object) == nil { added.append(.added(object)) }
    }
    publish(added)
  }

  private func progress(_ loaded: Int, _ total: Int?) {
    if case .syncing = state { setState(.syncing(loaded: loaded, total: total)) }
  }

  /// Watches from the last version seen until the server ends the watch (its timeout) or it fails.
  private func follow() async throws {
    // Servers end watches after timeoutSeconds; spreading them keeps informers from reconnecting in step.
    let timeout = Int.random(in: 300...600)
    var options = ListOptions(
      labelSelector: labelSelector, resourceVersion: lastResourceVersion, timeoutSeconds: timeout)
    options.table = table
    let events = try await client.watch(resource, namespace: namespace, options: options)
    let opened = ContinuousClock.now
    if case .disconnected = state, !woken { reconnect.fire() }
    woken = false
    setState(.synced)
    var received = 0
    for try await event in events {
      apply(event)
      received += 1
      if received == 1 { backoff.reset() }
    }
    // A watch the server ends at once with nothing in it (shutting down, a proxy cutting it) must
    // not turn into a tight reconnect loop: treat it like a failure, with backoff.
    if received == 0, ContinuousClock.now - opened < .seconds(1) {
      throw KubeError.transport("the server ended the watch at once")
    }
  }

  private func apply(_ event: WatchEvent) {
    if let version = event.resourceVersion { lastResourceVersion = version }
    let object = transform?(event.object) ?? event.object
    switch event.kind {
    case .added, .modified:
      remember(columns: event.columns, cells: event.cells, of: object)
      if let old = cache.upsert(object) {
        publish(.modified(old: old, new: object))
      } else {
        publish(.added(object))
      }
    case .deleted:
      cache.remove(object)
      publish(.deleted(object))
      if let key = NamespacedName(of: object) { cells[key] = nil }
    case .bookmark, .error:
      break
    }
  }

  /// Leaves out `metadata.managedFields`, which a cache for display or for controllers never reads
  /// (client-go's `TransformStripManagedFields`, which kube-controller-manager's informers use):
  /// for a small object they are most of its size.
  public static let withoutManagedFields: @Sendable (JSONValue) -> JSONValue = { object in
    guard case .object(var members) = object, case .object(var metadata)? = members["metadata"],
      metadata["managedFields"] != nil
    else { return object }
    metadata["managedFields"] = nil
    members["metadata"] = .object(metadata)
    return .object(members)
  }

  /// A list got through: start the backoff over, and wake the informers that share the
  /// reconnect signal.
  private func reachedServer() {
    backoff.reset()
    woken = false
    reconnect.fire()
  }

  /// Waits out the backoff, or less when another informer reached the server meanwhile (or the
  /// operator asked to retry now).
  private func disconnected(_ error: any Error) async {
    let generation = reconnect.generation
    let delay = backoff.next()
    let now = Date()
    let since: Date
    if case .disconnected(let previous, _, _) = state { since = previous } else { since = now }
    setState(.disconnected(since: since, retryAt: now.addingTimeInterval(delay.seconds), reason: "\(error)"))
    woken = await reconnect.wait(delay, after: generation, clock: clock)
  }
}
