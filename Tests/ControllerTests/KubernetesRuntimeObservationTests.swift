import KubeCore
import Testing

@testable import Controller

/// How the kubernetes runtime reads a revision's instances from its Deployment and Pods.
@Suite struct KubernetesRuntimeObservationTests {
  static func deployment(
    spec: Int, replicas: Int? = nil, ready: Int? = nil, conditions: [JSONValue] = []
  ) -> JSONValue {
    var deployment: JSONValue = [
      "metadata": [
        "name": "chat-abc12",
        "labels": ["ai.aiconsole.dev/cluster": "chat", "ai.aiconsole.dev/revision": "abc12"],
      ],
      "spec": ["replicas": .int(Int64(spec))],
      "status": ["conditions": .array(conditions)],
    ]
    if let replicas { deployment.set(.int(Int64(replicas)), at: ["status", "replicas"]) }
    if let ready { deployment.set(.int(Int64(ready)), at: ["status", "readyReplicas"]) }
    return deployment
  }

  static func pod(_ name: String, conditions: [JSONValue] = [], containers: [JSONValue] = []) -> JSONValue {
    [
      "metadata": ["name": .string(name)],
      "status": ["conditions": .array(conditions), "containerStatuses": .array(containers)],
    ]
  }

  static let unschedulable = pod(
    "chat-abc12-1",
    conditions: [
      [
        "type": "PodScheduled", "status": "False", "reason": "Unschedulable",
        "message": "0/4 nodes are available: 4 Insufficient nvidia.com/gpu.",
      ]
    ])
  static let crashing = pod(
    "chat-abc12-2",
    containers: [
      ["name": "model", "ready": false, "restartCount": 4, "state": ["waiting": ["reason": "CrashLoopBackOff"]]]
    ])
  static let oomKilled = pod(
    "chat-abc12-3",
    containers: [
      ["name": "model", "ready": false, "restartCount": 1, "lastState": ["terminated": ["reason": "OOMKilled"]]]
    ])
  static let pulling = pod(
    "chat-abc12-4",
    containers: [
      [
        "name": "model", "ready": false, "restartCount": 0,
        "state": ["waiting": ["reason": "ImagePullBackOff", "message": "Back-off pulling image \"vllm:nope\""]],
      ]
    ])

  /// (spec.replicas, status.replicas, status.readyReplicas) -> (total, ready)
  @Test(
    "counts instances that exist or are asked for, and ready ones the Deployment keeps",
    arguments: [
      ((3, nil, nil), (3, 0)),  // just made: no status yet
      ((3, 3, 3), (3, 3)),  // settled
      ((4, 3, 3), (4, 3)),  // scaled up, not yet acted on
      ((2, 3, 3), (3, 2)),  // scaled down, a Pod still counted
      ((0, 0, nil), (0, 0)),  // drained
    ] as [((Int, Int?, Int?), (Int, Int))])
  func counts(deployment: (Int, Int?, Int?), expected: (Int, Int)) throws {
    let observed = try #require(
      KubernetesRuntime.instances(
        of: Self.deployment(spec: deployment.0, replicas: deployment.1, ready: deployment.2), pods: []))
    #expect(observed.revision == "abc12")
    #expect(observed.total == expected.0)
    #expect(observed.ready == expected.1)
  }

  @Test("explains instances that do not serve from their Pods")
  func podProblems() throws {
    var leaving = Self.crashing
    leaving.set("2026-01-01T00:00:00Z", at: ["metadata", "deletionTimestamp"])
    let observed = try #require(
      KubernetesRuntime.instances(
        of: Self.deployment(spec: 4, replicas: 4, ready: 0),
        pods: [Self.unschedulable, Self.crashing, Self.oomKilled, leaving]))
    #expect(observed.problems.map(\.reason) == [.unschedulable, .crashLoop, .outOfMemory])
    #expect(observed.problems.map(\.instance) == ["chat-abc12-1", "chat-abc12-2", "chat-abc12-3"])
    #expect(observed.problems[0].message.contains("Insufficient nvidia.com/gpu"))
  }

  @Test("leaves a Deployment that serves fully unexplained, whatever its Pods went through")
  func servingHasNoProblems() throws {
    let observed = KubernetesRuntime.instances(
      of: Self.deployment(spec: 2, replicas: 2, ready: 2), pods: [Self.crashing])
    #expect(observed?.problems == [])
  }

  @Test("reports a stalled rollout with what its Pods wait on")
  func progressDeadline() throws {
    let stalled: JSONValue = [
      "type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
      "message": "ReplicaSet \"chat-abc12-5d8f\" has timed out progressing.",
    ]
    let observed = KubernetesRuntime.instances(
      of: Self.deployment(spec: 1, replicas: 1, ready: 0, conditions: [stalled]), pods: [Self.pulling])
    let problem = try #require(observed?.problems.first)
    #expect(problem.reason == .crashLoop)
    #expect(problem.instance == "chat-abc12")
    #expect(problem.message.contains("ProgressDeadlineExceeded"))
    #expect(problem.message.contains("chat-abc12-4 is waiting: ImagePullBackOff: Back-off pulling image"))
  }

  @Test("reports Pods the ReplicaSet cannot create as instances that cannot be placed")
  func replicaFailure() throws {
    let failure: JSONValue = [
      "type": "ReplicaFailure", "status": "True", "reason": "FailedCreate",
      "message": "pods \"chat-abc12-x\" is forbidden: exceeded quota: gpus",
    ]
    let observed = KubernetesRuntime.instances(
      of: Self.deployment(spec: 2, replicas: 0, ready: 0, conditions: [failure]), pods: [])
    #expect(
      observed?.problems == [
        InstanceProblem(reason: .unschedulable, instance: "chat-abc12", message: failure["message"]?.stringValue ?? "")
      ])
  }

  @Test("finds nothing wrong in a rollout that is only slow")
  func slowIsNotAProblem() {
    let progressing: JSONValue = ["type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated"]
    let observed = KubernetesRuntime.instances(
      of: Self.deployment(spec: 2, replicas: 2, ready: 1, conditions: [progressing]), pods: [Self.pulling])
    #expect(observed?.problems == [])
  }

  @Test("ignores a Deployment without a revision label")
  func foreignDeployment() {
    var deployment = Self.deployment(spec: 1)
    deployment.set(nil, at: ["metadata", "labels", "ai.aiconsole.dev/revision"])
    #expect(KubernetesRuntime.instances(of: deployment, pods: []) == nil)
  }
}
