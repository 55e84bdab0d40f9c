import AIResources
import Foundation
import KubeCore
import Testing

@Suite("config/samples")
struct SamplesTests {
  static let kinds = AICustomResourceDefinitions.all.map(\.kind)

  @Test("one sample per kind, in namespace default", arguments: kinds)
  func onePerKind(kind: String) throws {
    let object = try Samples.object(kind: kind)
    #expect(object["apiVersion"] == "ai.aiconsole.dev/v1" && object["kind"]?.stringValue == kind)
    #expect(object[path: ["metadata", "namespace"]] == "default")
    #expect(try JSONValue.parseYAMLDocuments(Samples.text(Samples.files[kind] ?? "")).count == 1)
  }

  @Test("no other files in config/samples")
  func noStrayFiles() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Samples.directory.path)
    #expect(Set(files) == Set(Samples.files.values))
  }

  @Test("every sample passes its CRD's schema", arguments: kinds)
  func passesSchema(kind: String) throws {
    let schema = try AICustomResourceDefinitionsTests.schema(kind)
    #expect(SchemaValidator.problems(try Samples.object(kind: kind), schema: schema) == [])
  }

  @Test("every sample passes admission unchanged but for defaults", arguments: kinds)
  func passesAdmission(kind: String) throws {
    var object = try Samples.object(kind: kind)
    AIAdmission.applyDefaults(kind: kind, to: &object)
    #expect(AIAdmission.validate(kind: kind, object: object, old: nil) == [])
    #expect(AIAdmission.validate(kind: kind, object: object, old: object) == [])
  }

  @Test("the samples reference each other")
  func references() throws {
    let app = try Samples.object(kind: "AIApplication")
    let route = try Samples.object(kind: "AIModelRoute")
    let service = try Samples.object(kind: "InferenceService")
    let name = { (kind: String) throws -> JSONValue in
      try Samples.object(kind: kind)[path: ["metadata", "name"]] ?? .null
    }
    #expect(app[path: ["spec", "services"]] == [["name": try name("InferenceService")]])
    #expect(app[path: ["spec", "routes"]] == [["name": try name("AIModelRoute")]])
    #expect(route[path: ["spec", "backends"]]?.arrayValue?.first?["service"] == (try name("InferenceService")))
    #expect(try name("InferenceService") != .null)
    #expect(route[path: ["spec", "contextSchemaRef", "name"]] == (try name("ModelContextSchema")))
    #expect(service[path: ["spec", "modelRef", "name"]] == (try name("ModelDeployment")))
    #expect(service[path: ["spec", "contextSchemaRef", "name"]] == (try name("ModelContextSchema")))
  }

  static let schemaRejections: [Edit] = [
    Edit(
      name: "AICluster replicas above 1000", kind: "AICluster", changes: [("spec.replicas", 1001)],
      field: "spec.replicas"),
    Edit(
      name: "AICluster negative replicas", kind: "AICluster", changes: [("spec.replicas", -1)], field: "spec.replicas"),
    Edit(
      name: "AICluster without modelName", kind: "AICluster", changes: [("spec.modelName", nil)],
      field: "spec.modelName"),
    Edit(
      name: "AICluster bad modelVersion", kind: "AICluster", changes: [("spec.modelVersion", "-v1")],
      field: "spec.modelVersion"),
    Edit(
      name: "AICluster unknown endpoint type", kind: "AICluster", changes: [("spec.endpoint.type", "Ingress")],
      field: "spec.endpoint.type"),
    Edit(
      name: "AICluster cpu not a quantity", kind: "AICluster", changes: [("spec.resourceRequests.cpu", "lots")],
      field: "spec.resourceRequests.cpu"),
    Edit(
      name: "AICluster hostname not DNS", kind: "AICluster", changes: [("spec.endpoint.hostname", "Bad_Host")],
      field: "spec.endpoint.hostname"),
    Edit(
      name: "AICluster gpu as text", kind: "AICluster", changes: [("spec.resourceRequests.gpu", "one")],
      field: "spec.resourceRequests.gpu"),
    Edit(
      name: "ModelDeployment unknown runtime", kind: "ModelDeployment", changes: [("spec.runtime", "onnx")],
      field: "spec.runtime"),
    Edit(
      name: "ModelDeployment unknown failure mode", kind: "ModelDeployment",
      changes: [("spec.simulation.failureMode", "explode")], field: "spec.simulation.failureMode"),
    Edit(
      name: "ModelDeployment env value not a string", kind: "ModelDeployment", changes: [("spec.env", ["A": 1])],
      field: "spec.env.A"),
    Edit(
      name: "ModelDeployment artifact without scheme", kind: "ModelDeployment",
      changes: [("spec.artifactURI", "weights.bin")], field: "spec.artifactURI"),
    Edit(
      name: "InferenceService canary above 100%", kind: "InferenceService",
      changes: [("spec.canary", ["modelRef": ["name": "x"], "trafficPercent": 101])],
      field: "spec.canary.trafficPercent"),
    Edit(
      name: "InferenceService scaling without maxReplicas", kind: "InferenceService",
      changes: [("spec.scaling", ["minReplicas": 1])], field: "spec.scaling.maxReplicas"),
    Edit(
      name: "InferenceService without modelRef", kind: "InferenceService", changes: [("spec.modelRef", nil)],
      field: "spec.modelRef"),
    Edit(
      name: "AIModelRoute weight above 100", kind: "AIModelRoute",
      changes: [("spec.backends", [["service": "chat", "weight": 150]])], field: "spec.backends[0].weight"),
    Edit(
      name: "AIModelRoute no backends", kind: "AIModelRoute", changes: [("spec.backends", [])], field: "spec.backends"),
    Edit(
      name: "AIModelRoute unknown auth type", kind: "AIModelRoute", changes: [("spec.auth.type", "OAuth")],
      field: "spec.auth.type"),
    Edit(
      name: "AIModelRoute relative path", kind: "AIModelRoute", changes: [("spec.path", "v1/chat")],
      field: "spec.path"),
    Edit(
      name: "AIModelRoute timeout of zero", kind: "AIModelRoute", changes: [("spec.timeoutSeconds", 0)],
      field: "spec.timeoutSeconds"),
    Edit(
      name: "ModelContextSchema unknown field type", kind: "ModelContextSchema",
      changes: [("spec.contextFields", [["name": "a", "type": "date"]])], field: "spec.contextFields[0].type"),
    Edit(
      name: "AIApplication error rate above 100%", kind: "AIApplication",
      changes: [("spec.monitoring.errorRatePercent", 101)], field: "spec.monitoring.errorRatePercent"),
    Edit(
      name: "AIApplication unknown spec field", kind: "AIApplication", changes: [("spec.owner", "me")],
      field: "spec.owner"),
    Edit(
      name: "AIApplication window with a bad unit", kind: "AIApplication", changes: [("spec.monitoring.window", "2w")],
      field: "spec.monitoring.window"),
    Edit(
      name: "InferenceService analysis step above 100%", kind: "InferenceService",
      changes: [
        (
          "spec.canary",
          [
            "modelRef": ["name": "v2"],
            "analysis": [
              "steps": [["trafficPercent": 150, "duration": "1m"]],
              "thresholds": ["maxErrorRate": ["mode": "Absolute", "value": 5]],
            ],
          ]
        )
      ], field: "spec.canary.analysis.steps[0].trafficPercent"),
    Edit(
      name: "InferenceService analysis threshold of unknown mode", kind: "InferenceService",
      changes: [
        (
          "spec.canary",
          [
            "modelRef": ["name": "v2"],
            "analysis": [
              "steps": [["trafficPercent": 10, "duration": "1m"]],
              "thresholds": ["maxErrorRate": ["mode": "Percent", "value": 5]],
            ],
          ]
        )
      ], field: "spec.canary.analysis.thresholds.maxErrorRate.mode"),
    Edit(
      name: "status condition without reason", kind: "AICluster",
      changes: [
        (
          "status.conditions",
          [["type": "Ready", "status": "True", "lastTransitionTime": "2026-01-01T00:00:00Z", "message": ""]]
        )
      ], field: "status.conditions[0].reason"),
    Edit(
      name: "status reconcile result unknown", kind: "InferenceService", changes: [("status.reconcile.result", "Done")],
      field: "status.reconcile.result"),
  ]

  @Test("the schema refuses bad values, naming the field", arguments: schemaRejections)
  func schemaRefuses(edit: Edit) throws {
    let schema = try AICustomResourceDefinitionsTests.schema(edit.kind)
    let problems = SchemaValidator.problems(try edit.applied(), schema: schema)
    #expect(problems.contains { $0.hasPrefix(edit.field + ":") }, "\(problems)")
  }
}
