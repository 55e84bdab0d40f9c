import AIResources
import KubeCore
import Testing

@Suite("AI CRD schema content")
struct AICRDSchemaContentTests {
  /// The schema node at a dotted path; `[]` after a segment steps into the array's items.
  static func node(_ kind: String, _ path: String) throws -> JSONValue {
    var node = try AICustomResourceDefinitionsTests.schema(kind)
    for segment in path.split(separator: ".") {
      let isArray = segment.hasSuffix("[]")
      let name = String(isArray ? segment.dropLast(2) : segment)
      node = try #require(node[path: ["properties", name]], "no \(name) in \(path)")
      if isArray { node = try #require(node["items"]) }
    }
    return node
  }

  static let columns: [(String, [String])] = [
    (
      "AICluster",
      [
        "Model .spec.modelName string 0", "Version .spec.modelVersion string 0", "Replicas .spec.replicas integer 0",
        "Ready .status.activeInstances integer 0", "URL .status.endpointURL string 1",
        "Age .metadata.creationTimestamp date 0",
      ]
    ),
    (
      "InferenceService",
      [
        "Model .spec.modelRef.name string 0", "Ready .status.readyReplicas integer 0",
        "Replicas .status.currentReplicas integer 0", "Canary .spec.canary.modelRef.name string 1",
        "Canary% .spec.canary.trafficPercent integer 0", "Status .status.modelStatus string 0",
        "URL .status.endpointURL string 1", "Age .metadata.creationTimestamp date 0",
      ]
    ),
    (
      "AIModelRoute",
      [
        "Model .spec.model string 0", "Backends .spec.backends[*].service string 0", "Path .spec.path string 1",
        "Auth .spec.auth.type string 1", #"Accepted .status.conditions[?(@.type=="Accepted")].status string 0"#,
        #"Programmed .status.conditions[?(@.type=="Programmed")].status string 1"#,
        "Age .metadata.creationTimestamp date 0",
      ]
    ),
    (
      "ModelDeployment",
      [
        "Model .spec.modelName string 0", "Version .spec.modelVersion string 0", "Runtime .spec.runtime string 0",
        "Phase .status.phase string 0", "Age .metadata.creationTimestamp date 0",
      ]
    ),
    (
      "ModelContextSchema",
      [
        "Ready .status.ready boolean 0", "Description .spec.description string 1",
        "Age .metadata.creationTimestamp date 0",
      ]
    ),
    (
      "AIApplication",
      [
        "Health .status.health string 0", #"Ready .status.conditions[?(@.type=="Ready")].status string 0"#,
        "Age .metadata.creationTimestamp date 0",
      ]
    ),
  ]

  @Test("printer columns", arguments: columns)
  func printerColumns(kind: String, expected: [String]) throws {
    let columns = try AICustomResourceDefinitionsTests.version(kind)["additionalPrinterColumns"]?.arrayValue ?? []
    let described = columns.map { column in
      [column["name"], column["jsonPath"], column["type"]].map { $0?.stringValue ?? "?" }.joined(separator: " ")
        + " \(column["priority"]?.intValue ?? 0)"
    }
    #expect(described == expected)
  }

  static let defaults: [(String, String, JSONValue)] = [
    ("AICluster", "spec.replicas", 1), ("AICluster", "spec.revisionHistoryLimit", 10),
    ("AICluster", "spec.endpoint.type", "ClusterIP"), ("AICluster", "spec.paused", false),
    ("ModelDeployment", "spec.runtime", "vllm"), ("ModelDeployment", "spec.simulation.failureMode", "none"),
    ("InferenceService", "spec.scaling.minReplicas", 1), ("InferenceService", "spec.canary.trafficPercent", 10),
    ("AIModelRoute", "spec.path", "/v1/chat/completions"), ("AIModelRoute", "spec.backends[].weight", 100),
    ("AIModelRoute", "spec.auth.type", "None"), ("AIModelRoute", "spec.cache.enabled", false),
    ("AIModelRoute", "spec.timeoutSeconds", 30), ("ModelContextSchema", "spec.contextFields[].required", false),
  ]

  @Test("defaults", arguments: defaults)
  func defaultValue(kind: String, path: String, expected: JSONValue) throws {
    #expect(try Self.node(kind, path)["default"] == expected)
  }

  static let enums: [(String, String, JSONValue)] = [
    ("AICluster", "spec.endpoint.type", ["ClusterIP", "NodePort", "LoadBalancer"]),
    ("ModelDeployment", "spec.runtime", ["vllm", "tgi", "triton", "custom"]),
    ("ModelDeployment", "spec.simulation.failureMode", ["none", "crashloop", "oom", "slow"]),
    ("ModelDeployment", "status.phase", ["Pending", "Available", "Failed"]),
    ("InferenceService", "status.modelStatus", ["Loading", "Ready", "Unhealthy"]),
    ("AIModelRoute", "spec.auth.type", ["None", "APIKey"]),
    (
      "ModelContextSchema", "spec.contextFields[].type",
      ["string", "number", "boolean", "array<string>", "object", "json"]
    ),
    ("AIApplication", "status.health", ["Healthy", "Degraded", "Unhealthy", "Unknown"]),
  ]

  @Test("enums", arguments: enums)
  func enumValues(kind: String, path: String, expected: JSONValue) throws {
    #expect(try Self.node(kind, path)["enum"] == expected)
  }

  @Test(
    "quantities are int-or-string",
    arguments: [
      ("AICluster", "spec.resourceRequests"), ("ModelDeployment", "spec.resources"),
      ("InferenceService", "spec.hardwareProfile"),
    ])
  func quantities(kind: String, path: String) throws {
    for key in ["cpu", "memory"] {
      #expect(try Self.node(kind, "\(path).\(key)")["x-kubernetes-int-or-string"] == true)
    }
    #expect(try Self.node(kind, "\(path).gpu")["type"] == "integer")
  }

  static let listMaps: [(String, String, String)] = [
    ("AIModelRoute", "spec.backends", "service"), ("ModelContextSchema", "spec.contextFields", "name"),
    ("AIApplication", "spec.services", "name"), ("AIApplication", "spec.routes", "name"),
    ("AICluster", "status.conditions", "type"),
  ]

  @Test("lists with unique names are list maps, so a real server refuses duplicates too", arguments: listMaps)
  func listMap(kind: String, path: String, key: String) throws {
    let node = try Self.node(kind, path)
    #expect(node["x-kubernetes-list-type"] == "map" && node["x-kubernetes-list-map-keys"] == [.string(key)])
  }

  @Test("env is a map of strings, not free-form")
  func env() throws {
    let env = try Self.node("ModelDeployment", "spec.env")
    #expect(env["additionalProperties"] == ["type": "string"] && env["x-kubernetes-preserve-unknown-fields"] == nil)
  }
}
