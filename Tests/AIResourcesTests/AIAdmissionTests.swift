import AIResources
import KubeCore
import Testing

@Suite("AIAdmission")
struct AIAdmissionTests {
  static let longName = String(repeating: "a", count: 64)

  static let rules: [Edit] = [
    Edit(
      name: "AICluster name longer than a label value", kind: "AICluster",
      changes: [("metadata.name", .string(longName))],
      field: "metadata.name", message: "Too long: may not be more than 63 bytes"),
    Edit(
      name: "AICluster blank modelName", kind: "AICluster", changes: [("spec.modelName", "  ")],
      field: "spec.modelName", message: #"Invalid value: "  ": must not be blank"#),
    Edit(
      name: "ModelDeployment custom runtime without image", kind: "ModelDeployment",
      changes: [("spec.runtime", "custom"), ("spec.image", nil)],
      field: "spec.image", message: "Required value: runtime custom needs an image"),
    Edit(
      name: "ModelDeployment env name starting with a digit", kind: "ModelDeployment",
      changes: [("spec.env", ["1BAD": "x", "GOOD.name-1": "y"])],
      field: "spec.env[1BAD]", message: #"Invalid value: "1BAD": a valid environment variable name"#),
    Edit(
      name: "InferenceService with replicas and scaling", kind: "InferenceService", changes: [("spec.replicas", 2)],
      field: "spec.scaling", message: "Forbidden: may not be set together with spec.replicas"),
    Edit(
      name: "InferenceService minReplicas above maxReplicas", kind: "InferenceService",
      changes: [("spec.scaling.minReplicas", 5)],
      field: "spec.scaling.minReplicas",
      message: "Invalid value: 5: must be no more than spec.scaling.maxReplicas (4)"),
    Edit(
      name: "InferenceService scaling without a target", kind: "InferenceService",
      changes: [("spec.scaling.targetGPUUtilization", nil)],
      field: "spec.scaling", message: "Required value: one of targetGPUUtilization or targetTokensPerSecond"),
    Edit(
      name: "InferenceService canary of the same model", kind: "InferenceService",
      changes: [("spec.canary", ["modelRef": ["name": "llama-3-8b-v1"], "trafficPercent": 10])],
      field: "spec.canary.modelRef.name",
      message: #"Invalid value: "llama-3-8b-v1": must differ from spec.modelRef.name"#),
    Edit(
      name: "AIModelRoute weights adding up to 0", kind: "AIModelRoute",
      changes: [("spec.backends", [["service": "chat", "weight": 0], ["service": "chat-b", "weight": 0]])],
      field: "spec.backends", message: "Invalid value: 0: the weights must add up to more than 0"),
    Edit(
      name: "AIModelRoute backend named twice", kind: "AIModelRoute",
      changes: [("spec.backends", [["service": "chat", "weight": 50], ["service": "chat", "weight": 50]])],
      field: "spec.backends[1].service", message: #"Duplicate value: "chat""#),
    Edit(
      name: "AIModelRoute without backends", kind: "AIModelRoute", changes: [("spec.backends", [])],
      field: "spec.backends", message: "Required value: a route needs at least one backend"),
    Edit(
      name: "AIModelRoute APIKey without a Secret", kind: "AIModelRoute", changes: [("spec.auth", ["type": "APIKey"])],
      field: "spec.auth.secretRef", message: "Required value: auth type APIKey needs the Secret"),
    Edit(
      name: "AIModelRoute Secret without APIKey", kind: "AIModelRoute",
      changes: [("spec.auth.secretRef", ["name": "keys"])],
      field: "spec.auth.secretRef", message: "Forbidden: may only be set when spec.auth.type is APIKey"),
    Edit(
      name: "ModelContextSchema field named twice", kind: "ModelContextSchema",
      changes: [("spec.contextFields", [["name": "locale", "type": "string"], ["name": "locale", "type": "json"]])],
      field: "spec.contextFields[1].name", message: #"Duplicate value: "locale""#),
    Edit(
      name: "ModelContextSchema regex that does not compile", kind: "ModelContextSchema",
      changes: [("spec.contextFields", [["name": "id", "type": "string", "validationRegex": "([a-z"]])],
      field: "spec.contextFields[0].validationRegex",
      message: #"Invalid value: "([a-z": must be a valid regular expression"#),
    Edit(
      name: "ModelContextSchema regex on a number", kind: "ModelContextSchema",
      changes: [("spec.contextFields", [["name": "n", "type": "number", "validationRegex": "^1$"]])],
      field: "spec.contextFields[0].validationRegex", message: "Forbidden: only string and array<string> fields"),
    Edit(
      name: "AIApplication service named twice", kind: "AIApplication",
      changes: [("spec.services", [["name": "chat"], ["name": "chat"]])],
      field: "spec.services[1].name", message: #"Duplicate value: "chat""#),
    Edit(
      name: "AIApplication route named twice", kind: "AIApplication",
      changes: [("spec.routes", [["name": "r"], ["name": "s"], ["name": "r"]])],
      field: "spec.routes[2].name", message: #"Duplicate value: "r""#),
    Edit(
      name: "AIApplication window that is not a duration", kind: "AIApplication",
      changes: [("spec.monitoring.window", "a month")], field: "spec.monitoring.window",
      message: #"Invalid value: "a month": must be a duration of whole numbers with units s, m, h or d"#),
    Edit(
      name: "AIApplication window shorter than an hour", kind: "AIApplication",
      changes: [("spec.monitoring.window", "30m")], field: "spec.monitoring.window",
      message: #"Invalid value: "30m": must be between 1h and 90d"#),
    Edit(
      name: "AIApplication window beyond 90 days", kind: "AIApplication",
      changes: [("spec.monitoring.window", "91d")], field: "spec.monitoring.window",
      message: #"Invalid value: "91d": must be between 1h and 90d"#),
    Edit(
      name: "AIApplication objective of no errors", kind: "AIApplication",
      changes: [("spec.monitoring.errorRatePercent", 0)], field: "spec.monitoring.errorRatePercent",
      message: "Invalid value: 0: must be greater than 0"),
    Edit(
      name: "InferenceService analysis steps that fall", kind: "InferenceService",
      changes: [("spec.canary", canary(steps: [[50, "1m"], [20, "1m"]]))],
      field: "spec.canary.analysis.steps[1].trafficPercent",
      message: "Invalid value: 20: must be greater than the previous step's trafficPercent (50)"),
    Edit(
      name: "InferenceService analysis step of bad duration", kind: "InferenceService",
      changes: [("spec.canary", canary(steps: [[10, "1.5m"]]))], field: "spec.canary.analysis.steps[0].duration",
      message: #"Invalid value: "1.5m": must be a duration"#),
    Edit(
      name: "InferenceService analysis step longer than a day", kind: "InferenceService",
      changes: [("spec.canary", canary(steps: [[10, "2d"]]))], field: "spec.canary.analysis.steps[0].duration",
      message: #"Invalid value: "2d": must be between 1s and 24h"#),
    Edit(
      name: "InferenceService analysis without steps", kind: "InferenceService",
      changes: [("spec.canary", canary(steps: []))], field: "spec.canary.analysis.steps",
      message: "Required value: at least one traffic step"),
    Edit(
      name: "InferenceService analysis without thresholds", kind: "InferenceService",
      changes: [("spec.canary", canary(steps: [[10, "1m"]], thresholds: [:]))],
      field: "spec.canary.analysis.thresholds",
      message: "Required value: at least one of maxErrorRate, maxLatencyP99, maxTimeToFirstToken must be set"),
    Edit(
      name: "InferenceService analysis threshold of zero", kind: "InferenceService",
      changes: [
        ("spec.canary", canary(steps: [[10, "1m"]], thresholds: ["maxLatencyP99": ["mode": "Relative", "value": 0]]))
      ],
      field: "spec.canary.analysis.thresholds.maxLatencyP99.value", message: "Invalid value: 0: must be greater than 0"),
    Edit(
      name: "InferenceService absolute error rate above 100%", kind: "InferenceService",
      changes: [
        ("spec.canary", canary(steps: [[10, "1m"]], thresholds: ["maxErrorRate": ["mode": "Absolute", "value": 150]]))
      ],
      field: "spec.canary.analysis.thresholds.maxErrorRate.value",
      message: "Invalid value: 150: must be no more than 100 (percent)"),
  ]

  /// A canary of another model with an analysis of `steps` (percent, duration).
  static func canary(steps: [[JSONValue]], thresholds: JSONValue = ["maxErrorRate": ["mode": "Absolute", "value": 5]])
    -> JSONValue
  {
    [
      "modelRef": ["name": "llama-3-8b-v2"], "trafficPercent": 10,
      "analysis": [
        "steps": .array(steps.map { ["trafficPercent": $0[0], "duration": $0[1]] }), "thresholds": thresholds,
        "minRequests": 20,
      ],
    ]
  }

  @Test("a canary analysis that can run passes admission")
  func validAnalysis() throws {
    var service = try Samples.object(kind: "InferenceService")
    service.set(
      Self.canary(
        steps: [[10, "30s"], [50, "1h30m"], [100, "5m"]],
        thresholds: [
          "maxErrorRate": ["mode": "Absolute", "value": 5], "maxLatencyP99": ["mode": "Relative", "value": 1.5],
          "maxTimeToFirstToken": ["mode": "Absolute", "value": 800],
        ]), at: ["spec", "canary"])
    #expect(AIAdmission.validate(kind: "InferenceService", object: service, old: nil) == [])
    let typed = try service.decode(as: InferenceService.self)
    #expect(typed.spec.canary?.analysis?.steps.map(\.trafficPercent) == [10, 50, 100])
    #expect(typed.spec.canary?.analysis?.thresholds?.maxLatencyP99 == .init(mode: .relative, value: 1.5))
  }

  @Test("refuses a broken rule, naming the field", arguments: rules)
  func refuses(edit: Edit) throws {
    let errors = AIAdmission.validate(kind: edit.kind, object: try edit.applied(), old: nil)
    #expect(errors.contains { $0.field == edit.field && $0.message.hasPrefix(edit.message) }, "\(errors)")
    #expect(errors.allSatisfy { $0.field == edit.field }, "\(errors)")
  }

  @Test("names every bad field at once")
  func everyField() throws {
    var route = try Samples.object(kind: "AIModelRoute")
    route.set([["service": "a", "weight": 0], ["service": "a", "weight": 0]], at: ["spec", "backends"])
    route.set(["type": "APIKey"], at: ["spec", "auth"])
    let fields = AIAdmission.validate(kind: "AIModelRoute", object: route, old: nil).map(\.field)
    #expect(fields == ["spec.backends", "spec.backends[1].service", "spec.auth.secretRef"])
  }

  @Test("a ModelDeployment's model and version are immutable", arguments: ["modelName", "modelVersion"])
  func immutable(field: String) throws {
    let old = try Samples.object(kind: "ModelDeployment")
    var changed = old
    changed.set("other", at: ["spec", field])
    let errors = AIAdmission.validate(kind: "ModelDeployment", object: changed, old: old)
    #expect(errors.map(\.field) == ["spec.\(field)"])
    #expect(errors.first?.message.hasPrefix(#"Invalid value: "other": field is immutable"#) == true)
    #expect(AIAdmission.validate(kind: "ModelDeployment", object: changed, old: nil) == [])
    var retagged = old
    retagged.set("vllm/vllm-openai:v0.7.0", at: ["spec", "image"])
    #expect(AIAdmission.validate(kind: "ModelDeployment", object: retagged, old: old) == [])
  }

  @Test("typed objects validate like their JSON")
  func typed() throws {
    var service = try Samples.object(kind: "InferenceService").decode(as: InferenceService.self)
    service.spec.replicas = 3
    #expect(AIAdmission.validate(service).map(\.field) == ["spec.scaling"])
  }

  @Test("an InferenceService with neither replicas nor scaling gets one replica")
  func defaultReplicas() throws {
    var service = try Samples.object(kind: "InferenceService")
    AIAdmission.applyDefaults(kind: "InferenceService", to: &service)
    #expect(service[path: ["spec", "replicas"]] == nil)
    service.set(nil, at: ["spec", "scaling"])
    AIAdmission.applyDefaults(kind: "InferenceService", to: &service)
    #expect(service[path: ["spec", "replicas"]] == 1)
  }

  @Test(
    "quantities written as numbers become strings",
    arguments: [
      ("AICluster", "resourceRequests"), ("ModelDeployment", "resources"), ("InferenceService", "hardwareProfile"),
    ])
  func quantities(kind: String, field: String) throws {
    var object = try Samples.object(kind: kind)
    object.set(4, at: ["spec", field, "cpu"])
    object.set(1.5, at: ["spec", field, "memory"])
    AIAdmission.applyDefaults(kind: kind, to: &object)
    #expect(object[path: ["spec", field, "cpu"]] == "4" && object[path: ["spec", field, "memory"]] == "1.5")
    #expect(object[path: ["spec", field, "gpu"]] == 1)
  }

  @Test("other kinds pass through")
  func otherKinds() throws {
    var pod: JSONValue = ["spec": ["replicas": 2, "scaling": 1, "resources": ["cpu": 1]]]
    let before = pod
    AIAdmission.applyDefaults(kind: "Pod", to: &pod)
    #expect(pod == before && AIAdmission.validate(kind: "Pod", object: pod, old: nil) == [])
  }
}
