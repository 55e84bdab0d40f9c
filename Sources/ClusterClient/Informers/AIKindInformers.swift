import Foundation
import KubeCore

/// Changes of one AI kind, or a change of which kinds there are.
public enum AIKindEvent: Sendable {
  /// Changes of objects of one kind, in the order its informer applied them (a page of its first
  /// list, a relist's difference, one watch event).
  case objects(APIResource, [InformerEvent])
  /// The AI kinds now served, after discovery ran again.
  case kinds([APIResource])
  /// Everything the server serves, after each discovery: what any other kind is called.
  case catalog(APIResourceCatalog)
}

/// Informers for every AI kind the server serves, typed or not: it discovers the kinds, runs one
/// informer each, and when CustomResourceDefinitions come and go it discovers again and starts or
/// stops informers, so a kind installed at run time appears without a restart.
public actor AIKindInformers {
  private let client: KubeClient
  private let selection: AIKindSelection
  private let namespace: String?
  /// Applied by every informer to each object before it is cached (see `Informer.init`).
  private let transform: (@Sendable (JSONValue) -> JSONValue)?
  /// Shared by every informer this starts: the first to reach the server again after a
  /// disconnection wakes the others; `fire()` it to retry now.
  public nonisolated let reconnect: ReconnectSignal
  private var running: [APIResource: (informer: Informer, tasks: [Task<Void, Never>])] = [:]
  private var subscribers: [UUID: AsyncStream<AIKindEvent>.Continuation] = [:]
  /// The catalog of the last discovery.
  public private(set) var catalog = APIResourceCatalog(resources: [])
  /// The AI kinds being watched, sorted by group and name.
  public private(set) var kinds: [APIResource] = []

  public init(
    client: KubeClient, selection: AIKindSelection = AIKindSelection(), namespace: String? = nil,
    reconnect: ReconnectSignal = ReconnectSignal(), transform: (@Sendable (JSONValue) -> JSONValue)? = nil
  ) {
    self.transform = transform
    self.reconnect = reconnect
    self.client = client
    self.selection = selection
    self.namespace = namespace
  }

  /// Discovers and follows until cancelled.
  public func run() async {
    let definitions = Informer(client: client, resource: CoreResources.customResourceDefinitions, reconnect: reconnect)
    let changes = await definitions.events()
    let watcher = Task { await definitions.run() }
    await withTaskCancellationHandler {
      await rediscover()
      var pending: Task<Void, Never>?
      for await event in changes {
        guard event.object != nil else { continue }
        // A burst of CRD events (an install of many) leads to one discovery, shortly after the last.
        pending?.cancel()
        pending = Task { [weak self] in
          try? await Task.sleep(for: .milliseconds(200))
          if !Task.isCancelled { await self?.rediscover() }
        }
      }
      pending?.cancel()
    } onCancel: {
      watcher.cancel()
    }
    watcher.cancel()
    stopAll()
  }

  /// Every event of every AI kind from now on, after the current kinds and cached objects.
  public func events() async -> AsyncStream<AIKindEvent> {
    let (stream, continuation) = AsyncStream<AIKindEvent>.makeStream()
    let id = UUID()
    if !catalog.resources.isEmpty { continuation.yield(.catalog(catalog)) }
    continuation.yield(.kinds(kinds))
    for (resource, entry) in running {
      continuation.yield(.objects(resource, await entry.informer.list().map(InformerEvent.added)))
    }
    subscribers[id] = continuation
    continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
    return stream
  }

  /// The informer of one kind, when it is an AI kind being watched.
  public func informer(for resource: APIResource) -> Informer? { running[resource]?.informer }

  /// The informers' sync states, by kind.
  public func states() async -> [(APIResource, SyncState)] {
    var result: [(APIResource, SyncState)] = []
    for resource in kinds {
      if let informer = running[resource]?.informer { result.append((resource, await informer.state)) }
    }
    return result
  }

  private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

  private func publish(_ event: AIKindEvent) {
    for continuation in subscribers.values { continuation.yield(event) }
  }

  /// Runs discovery again and brings the set of informers in line with the AI kinds it finds; a
  /// failed discovery keeps the informers as they are.
  func rediscover() async {
    guard let fresh = try? await APIDiscovery.catalog(client) else { return }
    catalog = fresh
    publish(.catalog(fresh))
    let labelled = await APIDiscovery.labelledAICRDs(client)
    let wanted = selection.select(from: fresh, labelledCRDs: labelled).sorted {
      ($0.group, $0.name) < ($1.group, $1.name)
    }
    for resource in running.keys where !wanted.contains(resource) { stop(resource) }
    for resource in wanted where running[resource] == nil { start(resource) }
    if wanted != kinds {
      kinds = wanted
      publish(.kinds(wanted))
    }
  }

  private func start(_ resource: APIResource) {
    let informer = Informer(
      client: client, resource: resource, namespace: namespace, reconnect: reconnect, transform: transform)
    let runner = Task { await informer.run() }
    let forwarder = Task { [weak self] in
      for await batch in await informer.batches() { await self?.publish(.objects(resource, batch)) }
    }
    running[resource] = (informer, [runner, forwarder])
  }

  private func stop(_ resource: APIResource) {
    running.removeValue(forKey: resource)?.tasks.forEach { $0.cancel() }
  }

  private func stopAll() {
    for resource in running.keys { stop(resource) }
    for continuation in subscribers.values { continuation.finish() }
    subscribers.removeAll()
  }
}
