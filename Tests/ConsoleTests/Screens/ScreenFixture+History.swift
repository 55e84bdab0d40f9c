import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// What the screen fixture's objects went through: ControllerRevisions (embeddings was upgraded
/// from bge-large 1.0 to 1.5; chat has run one model) and the Events the controller and the
/// fleet recorded.
extension ScreenFixture {
  static var revisions: [JSONValue] {
    [
      revision(
        "embeddings-58d7c9f6b", 1, owner: ("AICluster", "embeddings"), age: 2 * 86_400,
        data: template(version: "1.0")),
      revision(
        "embeddings-6c9f4d8b7", 2, owner: ("AICluster", "embeddings"), age: 3_900, data: template(version: "1.5")),
      revision(
        "chat-5f8d6b7c4", 1, owner: ("InferenceService", "chat"), age: 3 * 86_400,
        data: ["modelRef": ["name": "llama-3-8b-v1"]]),
    ]
  }

  /// An embeddings instance template as the controller stores it in a revision's `data`.
  static func template(version: String) -> JSONValue {
    [
      "modelName": "bge-large", "modelVersion": .string(version),
      "image": .string("ghcr.io/demo/embeddings:\(version)"),
      "resources": ["cpu": "4", "memory": "16Gi", "gpu": 1], "port": 8000,
    ]
  }

  static func revision(_ name: String, _ number: Int64, owner: (kind: String, name: String), age: Int, data: JSONValue)
    -> JSONValue
  {
    [
      "apiVersion": "apps/v1", "kind": "ControllerRevision", "revision": .int(number), "data": data,
      "metadata": [
        "name": .string(name), "namespace": .string(namespace), "uid": .string("uid-\(name)"),
        "creationTimestamp": ago(age),
        "ownerReferences": [
          [
            "apiVersion": "ai.aiconsole.dev/v1", "kind": .string(owner.kind), "name": .string(owner.name),
            "uid": .string("uid-\(namespace)-\(owner.name)"), "controller": true,
          ]
        ],
      ],
    ]
  }

  static var events: [JSONValue] {
    [
      event(
        about: ("AICluster", "embeddings"), "RollingUpdate",
        "rolling out revision embeddings-6c9f4d8b7 (bge-large 1.5): 0/2 updated instances ready", first: 3_900,
        last: 3_900),
      event(
        about: ("AICluster", "embeddings"), "RolloutComplete",
        "revision embeddings-6c9f4d8b7 (bge-large 1.5) serves with 2 instance(s)", first: 3_700, last: 3_700),
      event(
        about: ("InferenceService", "chat"), "CanaryStarted",
        "canary llama-3-8b-v2 takes 20% of the traffic once ready",
        first: 95, last: 95),
      event(
        about: ("AICluster", "chat-canary"), "ScalingUp", "scaling up from 0 to 1 instances", first: 95, last: 95),
      event(
        about: ("AICluster", "rerank"), "CrashLoopBackOff",
        "1 instance of model bge-reranker 2 keeps crashing: checksum mismatch in shard 3 of 8", type: "Warning",
        namespace: "search", count: 7, first: 1_500, last: 40),
    ]
  }

  static func event(
    about object: (kind: String, name: String), _ reason: String, _ message: String, type: String = "Normal",
    namespace: String = namespace, count: Int64 = 1, first: Int, last: Int
  ) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Event",
      "metadata": ["name": .string("\(object.name).\(reason.lowercased())"), "namespace": .string(namespace)],
      "involvedObject": [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": .string(object.kind), "name": .string(object.name),
        "namespace": .string(namespace), "uid": .string("uid-\(namespace)-\(object.name)"),
      ],
      "reason": .string(reason), "message": .string(message), "type": .string(type), "count": .int(count),
      "source": ["component": "aiconsole-controller"], "reportingComponent": "aiconsole-controller",
      "firstTimestamp": ago(first), "lastTimestamp": ago(last),
    ]
  }
}
