import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// The AI objects of the screen fixture, with the status the controller would have written.
extension ScreenFixture {
  /// An RFC 3339 time `seconds` before `now`.
  static func ago(_ seconds: Int) -> JSONValue {
    .string(Timestamps.format(now.addingTimeInterval(TimeInterval(-seconds))))
  }

  static func kind(_ kind: String, _ plural: String, short: String) -> APIResource {
    APIResource(
      group: "ai.aiconsole.dev", version: "v1", name: plural, kind: kind, namespaced: true, shortNames: [short],
      categories: ["ai"])
  }

  static let aiCluster = kind("AICluster", "aiclusters", short: "aic")
  static let modelDeployment = kind("ModelDeployment", "modeldeployments", short: "mdep")
  static let inferenceService = kind("InferenceService", "inferenceservices", short: "infsvc")
  static let route = kind("AIModelRoute", "aimodelroutes", short: "airoute")
  static let contextSchema = kind("ModelContextSchema", "modelcontextschemas", short: "mcs")
  static let application = kind("AIApplication", "aiapplications", short: "aiapp")

  /// The AI kinds, as discovery lists them.
  static let kinds = [aiCluster, modelDeployment, inferenceService, route, contextSchema, application]

  /// Every AI object, by kind.
  static var objects: [(APIResource, [JSONValue])] {
    [
      (aiCluster, clusters),
      (modelDeployment, [model("llama-3-8b", "1"), model("llama-3-8b", "2"), model("mistral-7b", "1")]),
      (inferenceService, [chatService, summarizeService]),
      (route, [chatRoute, summarizeRoute]),
      (contextSchema, [ticketSchema]),
      (application, [supportDesk]),
    ]
  }

  static func metadata(
    _ name: String, namespace: String = namespace, generation: Int64 = 1, age: Int = 86_400,
    labels: JSONValue = ["app.kubernetes.io/part-of": "aiconsole-demo"], owner: (kind: String, name: String)? = nil
  ) -> JSONValue {
    var metadata: JSONValue = [
      "name": .string(name), "namespace": .string(namespace), "uid": .string("uid-\(namespace)-\(name)"),
      "generation": .int(generation), "resourceVersion": "4711", "creationTimestamp": ago(age), "labels": labels,
    ]
    if let owner {
      metadata["ownerReferences"] = [
        [
          "apiVersion": "ai.aiconsole.dev/v1", "kind": .string(owner.kind), "name": .string(owner.name),
          "uid": .string("uid-\(namespace)-\(owner.name)"), "controller": true, "blockOwnerDeletion": true,
        ]
      ]
    }
    return metadata
  }

  static func condition(_ type: String, _ status: String, _ reason: String, _ message: String, ago seconds: Int)
    -> JSONValue
  {
    [
      "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
      "lastTransitionTime": ago(seconds),
    ]
  }

  static func reconcile(_ id: String, ago seconds: Int, millis: Int64, change: String? = nil) -> JSONValue {
    var reconcile: JSONValue = [
      "result": "Success", "reconcileID": .string(id), "lastTime": ago(seconds), "durationMillis": .int(millis),
    ]
    if let change { reconcile["changeID"] = .string(change) }
    return reconcile
  }

  static func model(_ family: String, _ version: String) -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelDeployment",
      "metadata": metadata("\(family)-v\(version)", age: 7 * 86_400),
      "spec": [
        "modelName": .string(family), "modelVersion": .string(version), "runtime": "vllm",
        "artifactURI": .string("hf://demo/\(family)@v\(version)"), "resources": ["gpu": 1],
      ],
      "status": [
        "phase": "Available", "observedGeneration": 1,
        "conditions": [
          condition(
            "Available", "True", "Validated", "\(family) \(version) on vllm, image vllm/vllm-openai:v0.6.3",
            ago: 7 * 86_400)
        ],
        "reconcile": reconcile("rc-mdep-\(family)-\(version)", ago: 3_600, millis: 2),
      ],
    ]
  }

  static let chatService: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
    "metadata": metadata("chat", generation: 4, age: 3 * 86_400),
    "spec": [
      "modelRef": ["name": "llama-3-8b-v1"], "replicas": 2, "hardwareProfile": ["gpu": 1],
      "canary": ["modelRef": ["name": "llama-3-8b-v2"], "trafficPercent": 20],
    ],
    "status": [
      "observedGeneration": 4, "currentReplicas": 2, "readyReplicas": 2, "modelStatus": "Ready",
      "endpointURL": "http://chat.demo.svc:8000", "canary": ["readyReplicas": 0, "trafficPercent": 20],
      // The stable pool's conditions, mirrored, and the canary pool's readiness.
      "conditions": .array(
        conditions(chat)
          + [condition("CanaryReady", "False", "InstancesNotReady", "canary chat-canary: 0/1 instances ready", ago: 95)]
      ),
      "reconcile": reconcile("rc-chat-0031", ago: 12, millis: 9, change: "chg-5e2a91"),
    ],
  ]

  static let summarizeService: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
    "metadata": metadata("summarize", age: 3 * 86_400),
    "spec": ["modelRef": ["name": "mistral-7b-v1"], "replicas": 2, "hardwareProfile": ["gpu": 1]],
    "status": [
      "observedGeneration": 1, "currentReplicas": 2, "readyReplicas": 2, "modelStatus": "Ready",
      "endpointURL": "http://summarize.demo.svc:8000",
      "conditions": .array(conditions(summarize)),
      "reconcile": reconcile("rc-summarize-0008", ago: 300, millis: 5),
    ],
  ]

  static let chatRoute: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIModelRoute",
    "metadata": metadata("chat", generation: 2, age: 3 * 86_400),
    "spec": [
      "model": "llama-3-8b", "backends": [["service": "chat", "weight": 100]],
      "auth": ["type": "APIKey", "secretRef": ["name": "demo-api-keys"]],
      "rateLimit": ["requestsPerMinute": 90, "burst": 15], "timeoutSeconds": 30,
    ],
    "status": [
      "observedGeneration": 2, "backends": [["service": "chat", "ready": true, "weight": 100]],
      "conditions": .array(routeConditions(serving: "chat", ago: 2 * 86_400)),
      "reconcile": reconcile("rc-route-chat-0012", ago: 60, millis: 3),
    ],
  ]

  static let summarizeRoute: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIModelRoute",
    "metadata": metadata("summarize", age: 3 * 86_400),
    "spec": [
      "model": "mistral-7b", "backends": [["service": "summarize", "weight": 100]],
      "contextSchemaRef": ["name": "support-ticket"], "cache": ["enabled": true, "ttlSeconds": 120],
      "timeoutSeconds": 30,
    ],
    "status": [
      "observedGeneration": 1, "backends": [["service": "summarize", "ready": true, "weight": 100]],
      "conditions": .array(routeConditions(serving: "summarize", ago: 3 * 86_400)),
      "reconcile": reconcile("rc-route-summarize-0004", ago: 900, millis: 3),
    ],
  ]

  /// A route's conditions as the controller sets them when everything resolves.
  static func routeConditions(serving service: String, ago seconds: Int) -> [JSONValue] {
    [
      condition("Accepted", "True", "Accepted", "the route's spec is valid", ago: seconds),
      condition("ResolvedRefs", "True", "ResolvedRefs", "every reference resolves", ago: seconds),
      condition("Programmed", "True", "Programmed", "serving through \(service)", ago: seconds),
    ]
  }

  static let ticketSchema: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelContextSchema",
    "metadata": metadata("support-ticket", age: 3 * 86_400),
    "spec": [
      "description": "A support ticket the assistant answers about",
      "contextFields": [
        ["name": "ticket", "type": "string", "required": true, "validationRegex": "^T-[0-9]{5}$"],
        ["name": "priority", "type": "number"], ["name": "tags", "type": "array<string>"],
      ],
    ],
    "status": [
      "ready": true, "observedGeneration": 1,
      "conditions": [condition("Valid", "True", "SchemaValid", "3 context field(s) accepted", ago: 3 * 86_400)],
      "reconcile": reconcile("rc-mcs-0002", ago: 3 * 86_400, millis: 1),
    ],
  ]

  static let supportDesk: JSONValue = [
    "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
    "metadata": metadata("support-desk", age: 3 * 86_400),
    "spec": [
      "services": [["name": "chat"], ["name": "summarize"]], "routes": [["name": "chat"], ["name": "summarize"]],
      "monitoring": ["latencyP99Millis": 5000, "errorRatePercent": 5],
    ],
    "status": [
      "health": "Healthy", "observedGeneration": 1,
      // Every member, as the controller lists them: services by Ready, routes by Programmed.
      "services": [
        ["name": "InferenceService/chat", "ready": true, "message": "2/2 instances ready"],
        ["name": "InferenceService/summarize", "ready": true, "message": "2/2 instances ready"],
        ["name": "AIModelRoute/chat", "ready": true, "message": "serving through chat"],
        ["name": "AIModelRoute/summarize", "ready": true, "message": "serving through summarize"],
      ],
      "conditions": [condition("Ready", "True", "Healthy", "4/4 members ready", ago: 3 * 86_400)],
      "reconcile": reconcile("rc-app-0019", ago: 30, millis: 4),
    ],
  ]
}
