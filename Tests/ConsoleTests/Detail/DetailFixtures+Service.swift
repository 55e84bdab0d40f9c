import Foundation
import KubeCore

@testable import ConsoleApp

/// An AIApplication over an InferenceService with a canary, its two AIClusters and their Pods.
extension DetailFixtures {
  static let service: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
    "metadata": [
      "name": "chat", "namespace": "default", "uid": "uid-isvc", "generation": 5, "creationTimestamp": ago(86400),
    ],
    "spec": [
      "modelRef": ["name": "llama-3-8b-v1"], "replicas": 2,
      "canary": ["modelRef": ["name": "llama-3-8b-v2"], "trafficPercent": 10],
      "hardwareProfile": ["gpu": 1, "gpuType": "nvidia-h100"],
    ],
    "status": [
      "observedGeneration": 4, "readyReplicas": 2, "currentReplicas": 2, "modelStatus": "Ready",
      "canary": ["readyReplicas": 1, "trafficPercent": 10],
      "conditions": [condition("Ready", "True", "ModelReady", "2/2 ready", ago: 3600)],
      "reconcile": [
        "lastTime": ago(5), "durationMillis": 40, "result": "Error", "reconcileID": "rec-9",
        "message": "ModelDeployment \"llama-3-8b-v2\" not found",
      ],
    ],
  ]

  static func serviceCluster(_ name: String, role: String) -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
      "metadata": [
        "name": .string(name), "namespace": "default", "uid": .string("uid-\(name)"),
        "labels": ["ai.aiconsole.dev/inferenceservice": "chat", "ai.aiconsole.dev/role": .string(role)],
        "ownerReferences": [owner("InferenceService", "chat", "uid-isvc")],
      ],
      "spec": ["replicas": 1, "modelName": "llama-3-8b"],
      "status": ["conditions": [condition("Ready", "True", "InstancesReady", "1/1 instances ready", ago: 600)]],
    ]
  }

  static let application: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
    "metadata": ["name": "chat-assistant", "namespace": "default", "uid": "uid-app"],
    "spec": ["services": [["name": "chat"]]],
    "status": ["health": "Healthy"],
  ]

  static func servicePod(_ name: String, cluster: String) -> JSONValue {
    pod(
      name, cluster: cluster, owner: "uid-\(cluster)",
      status: [
        "phase": "Running",
        "containerStatuses": [["name": "model", "ready": true, "restartCount": 0, "state": ["running": [:]]]],
      ])
  }

  /// The InferenceService `chat` with its canary, under the AIApplication `chat-assistant`.
  static func serviceContext(object: JSONValue = service) -> DetailContext {
    DetailContext(
      object: object, resource: resource("InferenceService"),
      related: [
        "AIApplication": [application], "InferenceService": [service],
        "AICluster": [serviceCluster("chat", role: "stable"), serviceCluster("chat-canary", role: "canary"), cluster],
        "Pod": [
          servicePod("chat-x1", cluster: "chat"), servicePod("chat-canary-y1", cluster: "chat-canary"), runningPod,
        ],
      ],
      now: now)
  }
}
