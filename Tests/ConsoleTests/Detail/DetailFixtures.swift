import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// Objects as the console's cache would hold them around an AICluster, an InferenceService with a
/// canary and the AIApplication over it, all measured against one fixed `now`.
enum DetailFixtures {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  /// An RFC 3339 timestamp `seconds` before `now`.
  static func ago(_ seconds: Int) -> JSONValue {
    .string(now.addingTimeInterval(TimeInterval(-seconds)).ISO8601Format())
  }

  static func resource(_ kind: String, group: String = "ai.aiconsole.dev", version: String = "v1") -> APIResource {
    APIResource(group: group, version: version, name: kind.lowercased() + "s", kind: kind, namespaced: true)
  }

  static func owner(_ kind: String, _ name: String, _ uid: String) -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": .string(kind), "name": .string(name), "uid": .string(uid),
      "controller": true,
    ]
  }

  static func condition(_ type: String, _ status: String, _ reason: String, _ message: String, ago seconds: Int)
    -> JSONValue
  {
    [
      "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
      "lastTransitionTime": ago(seconds),
    ]
  }

  static let cluster: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
    "metadata": [
      "name": "llama-pool", "namespace": "default", "uid": "uid-aic", "generation": 3,
      "creationTimestamp": ago(3 * 3600), "labels": ["app.kubernetes.io/part-of": "chat"],
      "managedFields": [["manager": "aiconsole"]],
    ],
    "spec": [
      "replicas": 3, "modelName": "llama-3-8b", "modelVersion": "v1.0.0", "image": "vllm/vllm-openai:v0.6.3",
      "resourceRequests": ["cpu": "4", "memory": "32Gi", "gpu": 1],
    ],
    "status": [
      "observedGeneration": 3, "activeInstances": 1, "replicas": 3, "currentRevision": "llama-pool-abc12",
      "conditions": [
        condition("Ready", "False", "InstancesNotReady", "1/3 instances ready", ago: 300),
        condition("Progressing", "True", "InstancesStarting", "2 instance(s) starting", ago: 300),
        condition("Degraded", "True", "CrashLoopBackOff", "1 instance of model llama-3-8b keeps crashing", ago: 120),
      ],
      "reconcile": [
        "lastTime": ago(30), "durationMillis": 12, "result": "Success", "reconcileID": "rec-1", "changeID": "chg-1",
      ],
    ],
  ]

  static func pod(
    _ name: String, cluster: String = "llama-pool", owner: String? = "uid-aic", node: String = "gpu-node-1",
    status: JSONValue
  ) -> JSONValue {
    var metadata: JSONValue = [
      "name": .string(name), "namespace": "default", "uid": .string("uid-\(name)"), "creationTimestamp": ago(600),
      "labels": ["ai.aiconsole.dev/cluster": .string(cluster)],
    ]
    if let owner { metadata["ownerReferences"] = [self.owner("AICluster", cluster, owner)] }
    return [
      "apiVersion": "v1", "kind": "Pod", "metadata": metadata,
      "spec": [
        "nodeName": .string(node),
        "containers": [["name": "model", "resources": ["limits": ["nvidia.com/gpu": "1"]]]],
      ],
      "status": status,
    ]
  }

  static let runningPod = pod(
    "llama-pool-a",
    status: [
      "phase": "Running", "conditions": [condition("Ready", "True", "", "", ago: 500)],
      "containerStatuses": [["name": "model", "ready": true, "restartCount": 0, "state": ["running": [:]]]],
    ])
  static let crashingPod = pod(
    "llama-pool-b",
    status: [
      "phase": "Running",
      "containerStatuses": [
        ["name": "model", "ready": false, "restartCount": 4, "state": ["waiting": ["reason": "CrashLoopBackOff"]]]
      ],
    ])
  /// Only labelled, not owned: found by the `ai.aiconsole.dev/cluster` label.
  static let unschedulablePod = pod(
    "llama-pool-c", owner: nil, node: "",
    status: [
      "phase": "Pending",
      "conditions": [condition("PodScheduled", "False", "Unschedulable", "0/4 nodes have a free GPU", ago: 100)],
    ])

  static func revision(_ name: String, _ number: Int64, version: String, owner: String = "uid-aic", ago: Int)
    -> JSONValue
  {
    [
      "apiVersion": "apps/v1", "kind": "ControllerRevision", "revision": .int(number),
      "metadata": [
        "name": .string(name), "namespace": "default", "creationTimestamp": self.ago(ago),
        "ownerReferences": [self.owner("AICluster", "llama-pool", owner)],
      ],
      "data": ["modelName": "llama-3-8b", "modelVersion": .string(version)],
    ]
  }

  static func event(
    _ reason: String, _ message: String, type: String = "Normal", uid: String = "uid-aic", count: Int64 = 1,
    first: Int, last: Int
  ) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Event",
      "metadata": ["name": .string("ev-\(reason)"), "namespace": "default"],
      "involvedObject": ["kind": "AICluster", "name": "llama-pool", "namespace": "default", "uid": .string(uid)],
      "reason": .string(reason), "message": .string(message), "type": .string(type), "count": .int(count),
      "source": ["component": "aiconsole-controller"], "firstTimestamp": ago(first), "lastTimestamp": ago(last),
    ]
  }

  static let clusterEvents: [JSONValue] = [
    event("ScalingReplicaSet", "scaled up to 3 instances", first: 600, last: 600),
    event("BackOff", "back-off restarting failed container", type: "Warning", count: 5, first: 540, last: 60),
    event("Elsewhere", "about another object", uid: "uid-other", first: 10, last: 10),
  ]

  /// The AICluster with its pods, revisions and events in the cache.
  static var clusterContext: DetailContext {
    DetailContext(
      object: cluster, resource: resource("AICluster"),
      related: [
        "AICluster": [cluster], "Pod": [runningPod, crashingPod, unschedulablePod],
        "ControllerRevision": [
          revision("llama-pool-old99", 1, version: "v0.9.0", ago: 7200),
          revision("llama-pool-abc12", 2, version: "v1.0.0", ago: 600),
        ],
        "Event": clusterEvents,
      ],
      now: now)
  }
}
