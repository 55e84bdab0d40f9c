import AIResources
import ClusterClient
import KubeCore

/// Where AICluster instances run. The AICluster reconciler decides how many instances of which
/// revision should exist; a runtime makes them exist and says how they are doing. `simulated`
/// makes Pods that the simulated GPU fleet drives; `kubernetes` makes a Deployment per revision
/// that a real cluster runs.
public protocol WorkloadRuntime: Sendable {
  /// `simulated` or `kubernetes`.
  var name: String { get }
  /// The instances of `cluster` now, one group per revision that has any.
  func observe(_ cluster: AICluster) async throws -> [RevisionInstances]
  /// Makes `revision` have `count` instances of `template`; when removing, instances that are not
  /// ready go first, so that serving capacity is the last thing lost.
  func scale(_ cluster: AICluster, revision: String, template: InstanceTemplate, to count: Int) async throws
  /// Removes everything of a revision that has no instances left to run.
  func retire(_ cluster: AICluster, revision: String) async throws
  /// Runs informers of what the runtime makes, calling `enqueue` with the owning AICluster on changes.
  func watchInstances(enqueue: @escaping @Sendable (NamespacedName) async -> Void) async
}

/// The instances of one revision, as a runtime sees them.
public struct RevisionInstances: Sendable, Hashable {
  /// The revision's template hash (the `ai.aiconsole.dev/revision` label).
  public var revision: String
  /// Instances that exist.
  public var total: Int
  /// Instances that serve.
  public var ready: Int
  /// What is wrong with the instances that do not serve.
  public var problems: [InstanceProblem]

  public init(revision: String, total: Int, ready: Int, problems: [InstanceProblem] = []) {
    self.revision = revision
    self.total = total
    self.ready = ready
    self.problems = problems
  }
}

/// Why an instance does not serve, in the words an operator acts on.
public struct InstanceProblem: Sendable, Hashable {
  /// How an instance fails, as the AICluster's `Degraded` condition reports it.
  public enum Reason: String, Sendable, Hashable, Comparable {
    /// It crashes again and again.
    case crashLoop = "CrashLoop"
    /// It was killed for using more memory than it has.
    case outOfMemory = "OOMKilled"
    /// No node has the GPUs it asks for.
    case unschedulable = "Unschedulable"

    /// The worse problem sorts first.
    public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rank < rhs.rank }
    private var rank: Int {
      switch self {
      case .crashLoop: 0
      case .outOfMemory: 1
      case .unschedulable: 2
      }
    }
  }

  public var reason: Reason
  /// The instance (a Pod or a Deployment).
  public var instance: String
  /// What the runtime said.
  public var message: String

  public init(reason: Reason, instance: String, message: String) {
    self.reason = reason
    self.instance = instance
    self.message = message
  }
}

/// The labels every instance carries.
public enum InstanceLabels {
  public static let cluster = "ai.aiconsole.dev/cluster"
  public static let revision = "ai.aiconsole.dev/revision"
  /// How a simulated instance behaves (a ModelDeployment's `simulation`, as JSON).
  public static let simulationAnnotation = "ai.aiconsole.dev/simulation"

  /// The owner reference that makes an object belong to (and be collected with) `cluster`.
  public static func ownerReference(_ cluster: AICluster) -> JSONValue {
    [
      "apiVersion": .string(cluster.apiVersion), "kind": "AICluster",
      "name": .string(cluster.metadata.name ?? ""), "uid": .string(cluster.metadata.uid ?? ""),
      "controller": true, "blockOwnerDeletion": true,
    ]
  }
}
