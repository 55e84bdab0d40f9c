import ClusterClient
import Foundation
import KubeCore
import Logging

/// The embedded world's GPU fleet: Node objects with `nvidia.com/gpu` capacity, and a kubelet
/// and scheduler for the instance Pods that `SimulatedRuntime` creates. Every tick it places
/// waiting Pods on nodes, moves each Pod along its `InstanceLifecycle` and writes what changed
/// (binding, status, log lines) through the API, so every client sees the fleet as it would see
/// a real one.
public actor SimulatedFleet {
  public struct Configuration: Sendable {
    public var nodes: Int
    public var gpusPerNode: Int
    public var gpuProduct: String
    public var tick: Duration
    /// Status writes in flight at once.
    public var parallelWrites: Int

    public init(
      nodes: Int = 4, gpusPerNode: Int = 8, gpuProduct: String = "NVIDIA-H100-80GB-HBM3",
      tick: Duration = .milliseconds(250), parallelWrites: Int = 16
    ) {
      self.nodes = nodes
      self.gpusPerNode = gpusPerNode
      self.gpuProduct = gpuProduct
      self.tick = tick
      self.parallelWrites = parallelWrites
    }
  }

  /// The `spec.schedulerName` of the Pods the fleet runs.
  public static let schedulerName = "aiconsole-simulated-fleet"
  /// The label of the fleet's nodes.
  public static let nodeLabel = "ai.aiconsole.dev/simulated-node"
  static let nodes = CoreResources.nodes

  let client: KubeClient
  let configuration: Configuration
  let logger: Logger
  private let podInformer: Informer
  private let nodeInformer: Informer
  /// The resourceVersion of each Pod's last write, until the cache has caught up with it.
  private var written: [String: (version: String, at: ContinuousClock.Instant)] = [:]
  /// Pods bound by the fleet, by uid, until the cache shows their node: their GPUs are taken.
  private var bound: [String: String] = [:]

  public init(client: KubeClient, configuration: Configuration = Configuration(), logger: Logger) {
    self.client = client
    self.configuration = configuration
    self.logger = logger
    podInformer = Informer(client: client, resource: SimulatedRuntime.pods, labelSelector: InstanceLabels.cluster)
    nodeInformer = Informer(client: client, resource: Self.nodes, labelSelector: Self.nodeLabel)
  }

  /// Runs until cancelled.
  public func run() async {
    do {
      try await ensureNodes()
    } catch {
      logger.error("cannot create the simulated GPU nodes", metadata: ["error": "\(error)"])
    }
    await withTaskGroup(of: Void.self) { group in
      group.addTask { await self.podInformer.run() }
      group.addTask { await self.nodeInformer.run() }
      group.addTask {
        await self.podInformer.waitUntilSynced()
        await self.nodeInformer.waitUntilSynced()
        while !Task.isCancelled {
          await self.tick()
          try? await Task.sleep(for: self.configuration.tick)
        }
      }
    }
  }

  /// Places, advances and writes every Pod that has something due.
  func tick() async {
    let now = Date()
    let pods = await podInformer.list().filter { pod in
      pod[path: ["spec", "schedulerName"]]?.stringValue == Self.schedulerName
        && pod[path: ["metadata", "deletionTimestamp"]] == nil
    }
    var scheduler = await scheduler(for: pods)
    var work: [(JSONValue, String?, InstanceLifecycle.Step)] = []
    for pod in pods.sorted(by: Self.creationOrder) where !awaitingCache(pod) {
      let lifecycle = InstanceLifecycle(pod: pod, now: now)
      let uid = pod[path: ["metadata", "uid"]]?.stringValue ?? ""
      if let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? bound[uid] {
        if let step = lifecycle.advance(node: node, podIP: Self.podIP(lifecycle.name)) { work.append((pod, nil, step)) }
        continue
      }
      switch scheduler.place(gpus: Self.gpus(of: pod)) {
      case .node(let node):
        if let step = lifecycle.advance(node: node, podIP: Self.podIP(lifecycle.name)) {
          work.append((pod, node, step))
        }
      case .unschedulable(let message):
        if let step = lifecycle.unschedulable(message) { work.append((pod, nil, step)) }
      }
    }
    await write(work)
  }

  private func write(_ work: [(JSONValue, String?, InstanceLifecycle.Step)]) async {
    var results: [Written] = []
    await withTaskGroup(of: Written?.self) { group in
      var inFlight = 0
      for (pod, node, step) in work {
        if inFlight >= configuration.parallelWrites, let done = await group.next() {
          inFlight -= 1
          if let done { results.append(done) }
        }
        inFlight += 1
        group.addTask { await self.apply(step, to: pod, binding: node) }
      }
      for await done in group { if let done { results.append(done) } }
    }
    let now = ContinuousClock.now
    for result in results {
      written[result.uid] = (result.version, now)
      if let node = result.node { bound[result.uid] = node }
    }
  }

  /// A Pod the fleet wrote: its uid, new resourceVersion and the node it bound it to.
  private struct Written: Sendable {
    var uid: String
    var version: String
    var node: String?
  }

  /// Binds (when placed now), writes the status and appends the log lines; the Pod's uid and new
  /// resourceVersion, or nil when a write lost a race (the next tick tries again).
  nonisolated private func apply(_ step: InstanceLifecycle.Step, to pod: JSONValue, binding node: String?) async
    -> Written?
  {
    guard let name = pod[path: ["metadata", "name"]]?.stringValue,
      let uid = pod[path: ["metadata", "uid"]]?.stringValue
    else { return nil }
    let namespace = pod[path: ["metadata", "namespace"]]?.stringValue
    do {
      var current = pod
      if let node {
        // As a scheduler binds: the Binding subresource, the one way to set a Pod's node. The
        // status write after it is unconditional (Pods allow that); only the fleet writes it.
        try await client.bind(pod: name, namespace: namespace ?? "default", node: node)
        current.set(.string(node), at: ["spec", "nodeName"])
        current.set(nil, at: ["metadata", "resourceVersion"])
      }
      current["status"] = step.status
      let updated = try await client.update(SimulatedRuntime.pods, current, subresource: "status")
      if !step.logLines.isEmpty, let namespace {
        try? await client.appendPodLog(namespace: namespace, pod: name, lines: step.logLines)
      }
      return updated[path: ["metadata", "resourceVersion"]]?.stringValue.map {
        Written(uid: uid, version: $0, node: node)
      }
    } catch {
      logger.debug("pod write lost", metadata: ["pod": "\(name)", "error": "\(error)"])
      return nil
    }
  }

  /// Whether the cache still shows a Pod as it was before the fleet's last write to it.
  private func awaitingCache(_ pod: JSONValue) -> Bool {
    guard let uid = pod[path: ["metadata", "uid"]]?.stringValue, let last = written[uid] else { return false }
    if pod[path: ["metadata", "resourceVersion"]]?.stringValue == last.version
      || ContinuousClock.now - last.at > .seconds(2)
    {
      written[uid] = nil
      return false
    }
    return true
  }

  private func scheduler(for pods: [JSONValue]) async -> GPUScheduler {
    let nodes = await nodeInformer.list().compactMap { node -> GPUScheduler.Node? in
      guard let name = node[path: ["metadata", "name"]]?.stringValue else { return nil }
      let gpus = node[path: ["status", "allocatable", "nvidia.com/gpu"]]?.stringValue.flatMap { Int($0) } ?? 0
      return GPUScheduler.Node(
        name: name, gpus: gpus, unschedulable: node[path: ["spec", "unschedulable"]]?.boolValue == true)
    }
    var scheduler = GPUScheduler(nodes: nodes.sorted { $0.name < $1.name })
    let live = Set(pods.compactMap { $0[path: ["metadata", "uid"]]?.stringValue })
    bound = bound.filter { live.contains($0.key) }
    for pod in pods {
      let uid = pod[path: ["metadata", "uid"]]?.stringValue ?? ""
      if let node = pod[path: ["spec", "nodeName"]]?.stringValue {
        bound[uid] = nil
        scheduler.record(node: node, gpus: Self.gpus(of: pod))
      } else if let node = bound[uid] {
        scheduler.record(node: node, gpus: Self.gpus(of: pod))
      }
    }
    return scheduler
  }

  private func ensureNodes() async throws {
    for index in 1...max(1, configuration.nodes) {
      let node = FleetNode.manifest(index: index, configuration: configuration)
      do {
        _ = try await client.create(Self.nodes, node)
      } catch KubeError.alreadyExists {
        continue
      }
      let name = node[path: ["metadata", "name"]]?.stringValue ?? ""
      var created = try await client.get(Self.nodes, name: name)
      created["status"] = FleetNode.status(index: index, configuration: configuration)
      _ = try await client.update(Self.nodes, created, subresource: "status")
    }
  }

  static func gpus(of pod: JSONValue) -> Int {
    let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
    return containers.compactMap {
      $0[path: ["resources", "limits", "nvidia.com/gpu"]]?.stringValue.flatMap { Int($0) }
    }.reduce(0, +)
  }

  static func podIP(_ name: String) -> String {
    let hash = StableHash.fnv1a(name.utf8)
    return "10.244.\((hash >> 8) % 250 + 1).\(hash % 250 + 2)"
  }

  private static func creationOrder(_ left: JSONValue, _ right: JSONValue) -> Bool {
    let leftTime = left[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
    let rightTime = right[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
    if leftTime != rightTime { return leftTime < rightTime }
    return (left[path: ["metadata", "name"]]?.stringValue ?? "")
      < (right[path: ["metadata", "name"]]?.stringValue ?? "")
  }
}
