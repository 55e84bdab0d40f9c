import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// The AIClusters of the screen fixture and what surrounds them: their instance pods, the
/// component pods, ControllerRevisions and Events.
extension ScreenFixture {
  /// A pool's shape: its model, replicas, ready instances and the revision hash its pods carry.
  struct Pool {
    var name: String
    var namespace = ScreenFixture.namespace
    var model: String
    var version: String
    var replicas: Int64
    var ready: Int64
    var revision: String
    /// The InferenceService that owns it, and its role there.
    var service: (name: String, role: String)?
    /// Its pods' name suffixes and nodes.
    var pods: [(suffix: String, node: String)]
  }

  static let embeddings = Pool(
    name: "embeddings", model: "bge-large", version: "1.5", replicas: 2, ready: 2, revision: "6c9f4d8b7",
    pods: [("x2k4p", "gpu-node-1"), ("q8m3n", "gpu-node-2")])
  static let chat = Pool(
    name: "chat", model: "llama-3-8b", version: "1", replicas: 2, ready: 2, revision: "7b5d9c6f4",
    service: ("chat", "stable"), pods: [("h5t2w", "gpu-node-1"), ("z9r6c", "gpu-node-2")])
  static let chatCanary = Pool(
    name: "chat-canary", model: "llama-3-8b", version: "2", replicas: 1, ready: 0, revision: "84c6d7f9b",
    service: ("chat", "canary"), pods: [("m4n8v", "gpu-node-3")])
  static let summarize = Pool(
    name: "summarize", model: "mistral-7b", version: "1", replicas: 2, ready: 2, revision: "6d4b8f5c9",
    service: ("summarize", "stable"), pods: [("p7w2x", "gpu-node-3"), ("k3j9d", "gpu-node-4")])
  static let rerank = Pool(
    name: "rerank", namespace: "search", model: "bge-reranker", version: "2", replicas: 1, ready: 0,
    revision: "5c7d9e8f1", pods: [("t6y4u", "gpu-node-4")])

  static let pools = [embeddings, chat, chatCanary, summarize, rerank]

  static var clusters: [JSONValue] { pools.map(cluster) }

  /// The related objects, by the feed that delivers them.
  static var related: [(RelatedFeed, [JSONValue])] {
    [
      (.pods, pools.flatMap(pods)),
      (.componentPods, ["aiconsole-apiserver", "aiconsole-controller", "aiconsole-gateway"].map(componentPod)),
      (.revisions, revisions),
      (.events, events),
    ]
  }

  static func cluster(_ pool: Pool) -> JSONValue {
    let labels: JSONValue =
      pool.service.map {
        ["ai.aiconsole.dev/inferenceservice": .string($0.name), "ai.aiconsole.dev/role": .string($0.role)]
      }
      ?? ["app.kubernetes.io/part-of": "aiconsole-demo"]
    let generation: Int64 = pool.name == "embeddings" ? 3 : 1
    return [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
      "metadata": metadata(
        pool.name, namespace: pool.namespace, generation: generation, age: pool.name == "chat-canary" ? 95 : 2 * 86_400,
        labels: labels, owner: pool.service.map { ("InferenceService", $0.name) }),
      "spec": [
        "replicas": .int(pool.replicas), "modelName": .string(pool.model), "modelVersion": .string(pool.version),
        "image": .string(image(pool)), "resourceRequests": ["cpu": "4", "memory": "16Gi", "gpu": 1],
      ],
      "status": [
        "replicas": .int(pool.replicas), "activeInstances": .int(pool.ready), "observedGeneration": .int(generation),
        "currentRevision": .string("\(pool.name)-\(pool.revision)"),
        "selector": .string("ai.aiconsole.dev/cluster=\(pool.name)"), "conditions": .array(conditions(pool)),
        "reconcile": reconcile("rc-\(pool.name)-0042", ago: 8, millis: 6, change: "chg-\(pool.revision.prefix(6))"),
      ],
    ]
  }

  static func image(_ pool: Pool) -> String {
    pool.name == "embeddings" ? "ghcr.io/demo/embeddings:\(pool.version)" : "vllm/vllm-openai:v0.6.3"
  }

  static func conditions(_ pool: Pool) -> [JSONValue] {
    let since = pool.name == "chat-canary" ? 95 : 2 * 86_400
    let ready = "\(pool.ready)/\(pool.replicas) instances ready"
    if pool.name == "rerank" {
      return [
        condition("Ready", "False", "InstancesNotReady", ready, ago: 1_800),
        condition(
          "Progressing", "False", "RolloutComplete", "revision rerank-\(pool.revision) is rolled out", ago: 1_800),
        condition(
          "Degraded", "True", "CrashLoopBackOff",
          "1 instance of model bge-reranker 2 keeps crashing: checksum mismatch in shard 3 of 8", ago: 1_500),
      ]
    }
    if pool.ready < pool.replicas {
      return [
        condition("Ready", "False", "InstancesNotReady", ready, ago: since),
        condition("Progressing", "True", "InstancesStarting", "1 instance(s) starting", ago: since),
        condition("Degraded", "False", "AsExpected", "no instance is failing", ago: since),
      ]
    }
    return [
      condition("Ready", "True", "InstancesReady", ready, ago: since),
      condition(
        "Progressing", "False", "RolloutComplete",
        "revision \(pool.name)-\(pool.revision) (\(pool.model) \(pool.version)) serves with \(pool.replicas) instance(s)",
        ago: since),
      condition("Degraded", "False", "AsExpected", "no instance is failing", ago: since),
    ]
  }

  /// The pods of a pool: running and ready, except the canary's (still pulling) and rerank's
  /// (crash-looping).
  static func pods(_ pool: Pool) -> [JSONValue] {
    pool.pods.map { pod in
      let name = "\(pool.name)-\(pool.revision)-\(pod.suffix)"
      return [
        "apiVersion": "v1", "kind": "Pod",
        "metadata": [
          "name": .string(name), "namespace": .string(pool.namespace), "uid": .string("uid-\(name)"),
          "creationTimestamp": ago(pool.name == "chat-canary" ? 95 : 2 * 86_400),
          "labels": [
            "ai.aiconsole.dev/cluster": .string(pool.name), "ai.aiconsole.dev/revision": .string(pool.revision),
          ],
          "ownerReferences": [
            [
              "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "name": .string(pool.name),
              "uid": .string("uid-\(pool.namespace)-\(pool.name)"), "controller": true,
            ]
          ],
        ],
        "spec": [
          "nodeName": .string(pod.node),
          "containers": [
            ["name": "model", "image": .string(image(pool)), "resources": ["limits": ["nvidia.com/gpu": "1"]]]
          ],
        ],
        "status": podStatus(pool),
      ]
    }
  }

  static func podStatus(_ pool: Pool) -> JSONValue {
    switch pool.name {
    case "chat-canary":
      return [
        "phase": "Pending",
        "conditions": [
          condition("Ready", "False", "ContainersNotReady", "containers with unready status: [model]", ago: 95)
        ],
        "containerStatuses": [
          ["name": "model", "ready": false, "restartCount": 0, "state": ["waiting": ["reason": "ContainerCreating"]]]
        ],
      ]
    case "rerank":
      return [
        "phase": "Running",
        "conditions": [
          condition("Ready", "False", "ContainersNotReady", "containers with unready status: [model]", ago: 1_500)
        ],
        "containerStatuses": [
          [
            "name": "model", "ready": false, "restartCount": 6,
            "state": [
              "waiting": ["reason": "CrashLoopBackOff", "message": "back-off 20s restarting failed container"]
            ],
          ]
        ],
      ]
    default:
      return [
        "phase": "Running", "conditions": [condition("Ready", "True", "", "", ago: 2 * 86_400 - 40)],
        "containerStatuses": [["name": "model", "ready": true, "restartCount": 0, "state": ["running": [:]]]],
      ]
    }
  }

  static func componentPod(_ name: String) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string(name), "namespace": "aiconsole-system", "uid": .string("uid-\(name)"),
        "labels": ["app.kubernetes.io/component": .string(String(name.dropFirst("aiconsole-".count)))],
      ],
      "status": ["phase": "Running"],
    ]
  }
}
