import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// Kinds and objects as the embedded server serves them, for the reducer and pane tests.
enum ConsoleFixtures {
  static let now = Date(timeIntervalSince1970: 1_790_000_000)
  static let created = Timestamps.format(now.addingTimeInterval(-300))

  static func ours(_ kind: String, _ plural: String, short: String) -> APIResource {
    APIResource(
      group: "ai.aiconsole.dev", version: "v1", name: plural, kind: kind, namespaced: true, shortNames: [short],
      categories: ["ai"])
  }

  static let aiCluster = ours("AICluster", "aiclusters", short: "aic")
  static let inferenceService = ours("InferenceService", "inferenceservices", short: "infsvc")
  static let route = ours("AIModelRoute", "aimodelroutes", short: "airoute")
  static let kserve = APIResource(
    group: "serving.kserve.io", version: "v1beta1", name: "inferenceservices", kind: "InferenceService",
    namespaced: true, shortNames: ["isvc"], categories: ["ai"])

  /// KServe's CRD as far as the console reads it: printer columns, one of them not shown by default.
  static let kserveDefinition: JSONValue = [
    "metadata": ["name": "inferenceservices.serving.kserve.io"],
    "spec": [
      "versions": [
        [
          "name": "v1beta1",
          "additionalPrinterColumns": [
            ["name": "URL", "type": "string", "jsonPath": ".status.url"],
            ["name": "Prev", "type": "integer", "jsonPath": ".status.prev", "priority": 1],
            ["name": "Age", "type": "date", "jsonPath": ".metadata.creationTimestamp"],
          ],
        ]
      ]
    ],
  ]

  static let world = ConsoleState.World(
    context: "embedded", server: "https://127.0.0.1:6443", embedded: true, readOnly: false)

  /// A state that knows the kinds, with each kind's informer synced.
  static func state(kinds: [APIResource] = [aiCluster, inferenceService, route]) -> ConsoleState {
    var state = ConsoleState(world: world, theme: .plain, now: now)
    state.size = .init(width: 160, height: 40)
    var events: [ConsoleEvent] = [.kinds(kinds)]
    for kind in kinds { events.append(.object(kind, .state(.synced))) }
    _ = ConsoleReducer.reduce(&state, events)
    return state
  }

  static func cluster(
    _ name: String, namespace: String = "demo", ready: Int = 2, replicas: Int = 2, generation: Int = 1,
    observed: Int = 1, conditions: [JSONValue]? = nil, result: String = "Success", uid: String? = nil,
    labels: [String: String] = [:]
  ) -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace), "generation": .int(Int64(generation)),
        "creationTimestamp": .string(created), "uid": .string(uid ?? "uid-\(name)"), "resourceVersion": "1",
        "labels": .object(.init(uniqueKeysWithValues: labels.map { ($0, .string($1)) })),
      ],
      "spec": ["replicas": .int(Int64(replicas)), "modelName": "llama-3-8b", "modelVersion": "v2"],
      "status": [
        "activeInstances": .int(Int64(ready)), "observedGeneration": .int(Int64(observed)),
        "currentRevision": .string("\(name)-7f9c2d"),
        "conditions": .array(
          conditions ?? [
            ["type": "Ready", "status": "True", "reason": "AllInstancesReady", "message": "2/2 ready"]
          ]),
        "reconcile": ["result": .string(result), "reconcileID": "r-1", "durationMillis": 4],
      ],
    ]
  }

  static func pod(_ name: String, cluster: String, namespace: String = "demo") -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Pod",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace),
        "labels": ["ai.aiconsole.dev/cluster": .string(cluster)],
      ],
      "status": ["phase": "Running"],
    ]
  }

  static func componentPod(_ name: String) -> JSONValue {
    ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "aiconsole-system"]]
  }
}
