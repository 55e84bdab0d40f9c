import ClusterClient
import Foundation
import KubeCore

#if canImport(Glibc)
  import Glibc
#endif

/// The console's connections to the cluster: informers for every AI kind and for the objects
/// around them, and the log follower; everything they deliver goes into the inbox as events.
/// `run()` owns every task and returns when cancelled.
struct ConsoleFeeds: Sendable {
  let client: KubeClient
  let inbox: ConsoleInbox
  let logFollower: LogFollower
  /// The log sources to follow and the operations to run, as the reducer asks for them.
  let requests: ConsoleRequests
  /// Where metrics come from (gateway and fleet endpoints, or a Prometheus server).
  let metricsSources: [MetricsSource]
  /// Carries out one operation as one edit; returns its change-id or why it failed.
  let runOperation: @Sendable (ConsoleOperation) async -> (changeID: String?, failure: OperationError?)

  init(
    client: KubeClient, inbox: ConsoleInbox, requests: ConsoleRequests, metricsSources: [MetricsSource],
    runOperation: @escaping @Sendable (ConsoleOperation) async -> (changeID: String?, failure: OperationError?)
  ) {
    self.client = client
    self.inbox = inbox
    self.requests = requests
    self.metricsSources = metricsSources
    self.runOperation = runOperation
    logFollower = LogFollower(client: client, options: PodLogOptions(follow: true, tailLines: 200))
  }

  /// Runs until cancelled.
  func run() async {
    await withDiscardingTaskGroup { group in
      group.addTask { await followAIKinds() }
      for feed in RelatedFeed.allCases {
        group.addTask {
          await follow(
            Informer(
              client: client, resource: feed.resource, namespace: feed.namespace,
              labelSelector: feed.labelSelector, reconnect: requests.reconnect,
              transform: Informer.withoutManagedFields), as: feed)
        }
      }
      group.addTask { await followViewedKinds() }
      group.addTask { await logFollower.run() }
      group.addTask {
        for await request in requests.operations {
          let outcome = await runOperation(request.operation)
          inbox.post(.operationFinished(id: request.id, changeID: outcome.changeID, failure: outcome.failure))
        }
      }
      if !metricsSources.isEmpty {
        group.addTask { await MetricsFeed(sources: metricsSources) { inbox.post(.metrics($0)) }.run() }
      }
      group.addTask {
        for await record in logFollower.records { inbox.post(.log(record)) }
      }
      group.addTask {
        for await sources in requests.follow { await logFollower.setPods(sources) }
        await logFollower.finish()
      }
    }
  }

  private func followAIKinds() async {
    // The console never shows managedFields (its YAML view leaves them out, as kubectl does), and
    // for an AICluster they are about half of what it would hold.
    let informers = AIKindInformers(
      client: client, reconnect: requests.reconnect, transform: Informer.withoutManagedFields)
    let events = await informers.events()
    await withDiscardingTaskGroup { group in
      group.addTask { await informers.run() }
      for await event in events {
        switch event {
        case .kinds(let kinds): inbox.post(.kinds(kinds))
        case .catalog(let catalog): inbox.post(.catalog(catalog))
        case .objects(let resource, let changes): inbox.post(changes.map { .object(resource, $0) })
        }
      }
    }
  }

  /// One Table informer per kind the reducer keeps warm, started when a kind joins the set and
  /// cancelled when it leaves it.
  private func followViewedKinds() async {
    var running: [APIResource: Task<Void, Never>] = [:]
    for await kinds in requests.viewedKinds {
      var stopped: [Task<Void, Never>] = []
      for (resource, task) in running where !kinds.contains(resource) {
        task.cancel()
        stopped.append(task)
        running[resource] = nil
      }
      if !stopped.isEmpty {
        Task {
          for task in stopped { await task.value }
          Self.returnFreedMemory()
        }
      }
      for resource in kinds where running[resource] == nil {
        running[resource] = Task { await followViewed(resource) }
      }
    }
    for task in running.values { task.cancel() }
  }

  /// Hands the pages a stopped kind's objects held back to the system: glibc keeps freed heap
  /// pages for reuse, so without this the console's resident size stays at the largest set of
  /// kinds it ever watched, not the kinds kept warm now.
  /// Whether the allocator was asked to.
  @discardableResult static func returnFreedMemory() -> Bool {
    #if canImport(Glibc)
      // malloc.h's GNU extension is not in the Glibc module: found at run time instead.
      typealias MallocTrim = @convention(c) (Int) -> Int32
      guard let program = dlopen(nil, RTLD_NOW), let symbol = dlsym(program, "malloc_trim") else { return false }
      _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
      return true
    #else
      return false
    #endif
  }

  private func followViewed(_ resource: APIResource) async {
    let informer = Informer(
      client: client, resource: resource, reconnect: requests.reconnect, table: true,
      transform: Informer.withoutManagedFields)
    await run(informer, await informer.rows()) { inbox.post(.viewed(resource, $0)) }
  }

  private func follow(_ informer: Informer, as feed: RelatedFeed) async {
    await run(informer, await informer.batches()) { inbox.post($0.map { .related(feed, $0) }) }
  }

  /// Runs `informer` and posts what `events` (subscribed before it runs) delivers, until it stops.
  private func run<Event: Sendable>(
    _ informer: Informer, _ events: AsyncStream<Event>, post: @escaping @Sendable (Event) -> Void
  ) async {
    await withDiscardingTaskGroup { group in
      group.addTask { await informer.run() }
      for await event in events { post(event) }
    }
  }
}
