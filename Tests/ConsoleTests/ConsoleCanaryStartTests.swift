import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// `c` on an InferenceService without a canary: the ModelDeployment picker, the first traffic
/// step and the analysis choice, ending in one operation.
@Suite("Console canary start")
struct ConsoleCanaryStartTests {
  typealias F = ConsoleFixtures
  static let deployments = F.ours("ModelDeployment", "modeldeployments", short: "mdep")
  static let service = ObjectIdentity(F.inferenceService, namespace: "demo", name: "chat")

  static func deployment(_ name: String, model: String = "mistral-7b", namespace: String = "demo") -> JSONValue {
    [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelDeployment",
      "metadata": [
        "name": .string(name), "namespace": .string(namespace), "uid": .string("uid-\(namespace)-\(name)"),
        "resourceVersion": "1", "creationTimestamp": .string(F.created),
      ],
      "spec": ["modelName": .string(model), "modelVersion": .string(String(name.split(separator: "-").last ?? ""))],
      "status": ["phase": "Ready"],
    ]
  }

  static func inferenceService(canary: JSONValue? = nil) -> JSONValue {
    var spec: JSONValue = ["modelRef": ["name": "mistral-7b-v1"], "replicas": 1]
    if let canary { spec["canary"] = canary }
    return [
      "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
      "metadata": [
        "name": "chat", "namespace": "demo", "uid": "uid-chat", "resourceVersion": "4", "generation": 1,
        "creationTimestamp": .string(F.created),
      ],
      "spec": spec,
    ]
  }

  /// The service selected, with ModelDeployments of its model, of another model and elsewhere.
  static func state(
    service: JSONValue = inferenceService(), deployments names: [String] = ["mistral-7b-v1", "mistral-7b-v2"],
    readOnly: Bool = false
  ) -> ConsoleState {
    var state = F.state(kinds: [F.inferenceService, Self.deployments])
    state.world.readOnly = readOnly
    var events: [ConsoleEvent] = [.object(F.inferenceService, .added(service))]
    events += names.map { .object(Self.deployments, .added(deployment($0))) }
    events += [
      .object(Self.deployments, .added(deployment("llama-3-8b-v1", model: "llama-3-8b"))),
      .object(Self.deployments, .added(deployment("mistral-7b-v9", namespace: "other"))),
    ]
    _ = ConsoleReducer.reduce(&state, events)
    _ = ConsoleReducer.reduce(&state, .key(.char("g")))
    return state
  }

  func key(_ key: KeyEvent, _ state: inout ConsoleState) -> [ConsoleEffect] {
    ConsoleReducer.reduce(&state, .key(key))
  }

  @Test("c picks a ModelDeployment of the same model, asks the first step (10) and analysis, then sends one start")
  func flowWithAnalysis() throws {
    var state = Self.state(deployments: ["mistral-7b-v1", "mistral-7b-v2", "mistral-7b-v3"])
    #expect(state.selection.map { ObjectIdentity($0.0, $0.1).name } == "chat")
    _ = key(.char("c"), &state)
    guard case .canaryPicker(let models) = state.mode else {
      Issue.record("c opened \(state.mode.name), not the ModelDeployment picker")
      return
    }
    // The stable one, another model's and another namespace's are not offered.
    #expect(models.choices.compactMap(\.value?.model) == ["mistral-7b-v2", "mistral-7b-v3"])
    #expect(render(state).contains("mistral-7b-v2  mistral-7b v2 · Ready"))
    _ = key(KeyEvent(.down), &state)
    _ = key(KeyEvent(.enter), &state)
    #expect(state.mode.name == .canaryTraffic)
    #expect(state.mode.prompt?.text == "10")
    #expect(render(state).contains("canary mistral-7b-v3 of InferenceService demo/chat: first traffic %: 10"))
    _ = key(KeyEvent(.enter), &state)
    guard case .canaryPicker(let analysis) = state.mode else {
      Issue.record("the traffic step opened \(state.mode.name), not the analysis choice")
      return
    }
    #expect(
      analysis.choices.map(\.text) == [
        "with analysis (steps 10/25/50/100, 1m each; p99 ≤ 1.5× and errors ≤ 2× stable)",
        "no analysis (stays at 10% until you move it)",
      ])
    let effects = key(KeyEvent(.enter), &state)
    #expect(
      effects == [.operate(id: 1, .canaryStart(Self.service, model: "mistral-7b-v3", percent: 10, analysis: true))])
    #expect(state.mode.name == .normal)
    #expect(
      state.activity.map(\.summary) == [
        "start a canary of InferenceService demo/chat: mistral-7b-v3 at 10% with analysis"
      ])
  }

  @Test("a typed first step of 30 without analysis; a step out of 1–100 is refused and kept in the prompt")
  func flowWithoutAnalysis() {
    var state = Self.state()
    _ = ConsoleReducer.reduce(&state, [.key(.char("c")), .key(KeyEvent(.enter)), .key(KeyEvent(.backspace))])
    _ = ConsoleReducer.reduce(&state, "0".map { .key(.char($0)) } + [.key(KeyEvent(.enter))])
    #expect(state.mode.name == .canaryTraffic)
    #expect(state.mode.prompt?.text == "0")
    #expect(render(state).contains("'0': give the canary's first traffic step, a percent 1–100"))
    _ = ConsoleReducer.reduce(&state, [.key(KeyEvent(.backspace))] + "30%".map { .key(.char($0)) })
    _ = key(KeyEvent(.enter), &state)
    guard case .canaryPicker(let analysis) = state.mode else {
      Issue.record("no analysis choice after a good step")
      return
    }
    #expect(analysis.choices.first?.text.hasPrefix("with analysis (steps 30/50/100, 1m each") == true)
    let effects = ConsoleReducer.reduce(&state, [.key(.char("j")), .key(KeyEvent(.enter))])
    #expect(
      effects == [.operate(id: 1, .canaryStart(Self.service, model: "mistral-7b-v2", percent: 30, analysis: false))])
  }

  @Test("esc at any step closes the flow and sends nothing")
  func cancel() {
    var state = Self.state()
    #expect(ConsoleReducer.reduce(&state, [.key(.char("c")), .key(KeyEvent(.escape))]).isEmpty)
    #expect(state.mode.name == .normal)
    let effects = ConsoleReducer.reduce(
      &state, [.key(.char("c")), .key(KeyEvent(.enter)), .key(KeyEvent(.enter)), .key(KeyEvent(.escape))])
    #expect(effects.isEmpty)
    #expect(state.mode.name == .normal)
    #expect(state.activity.isEmpty)
  }

  @Test("with no other ModelDeployment of the model, c says so and opens nothing")
  func nothingToPick() {
    var state = Self.state(deployments: ["mistral-7b-v1"])
    _ = key(.char("c"), &state)
    #expect(state.mode.name == .normal)
    #expect(
      state.flash?.text == "no other ModelDeployment of mistral-7b in demo to take a canary (stable: mistral-7b-v1)")
  }

  @Test("c on a service with a canary still opens the traffic / promote / abort prompt")
  func existingCanary() {
    var state = Self.state(
      service: Self.inferenceService(canary: ["modelRef": ["name": "mistral-7b-v2"], "trafficPercent": 20]))
    _ = key(.char("c"), &state)
    #expect(state.mode.name == .operationPrompt)
    #expect(state.mode.prompt?.text == "20")
  }

  @Test("read-only refuses c before any picker opens")
  func readOnly() {
    var state = Self.state(readOnly: true)
    _ = key(.char("c"), &state)
    #expect(state.mode.name == .normal)
    #expect(state.flash?.text == "read-only: 'canary' is disabled (started with --readonly)")
  }

  @Test("a refusal by the server shows its message in the activity row and the status line")
  func refused() {
    var state = Self.state()
    _ = ConsoleReducer.reduce(
      &state, [.key(.char("c")), .key(KeyEvent(.enter)), .key(KeyEvent(.enter)), .key(KeyEvent(.enter))])
    let message = "InferenceService.ai.aiconsole.dev \"chat\" is invalid: spec.canary.analysis.steps[0].trafficPercent"
    _ = ConsoleReducer.reduce(
      &state, .operationFinished(id: 1, changeID: nil, failure: OperationError(.invalid, message)))
    #expect(state.activity.first?.failed == true)
    #expect(state.activity.first?.result?.contains("spec.canary.analysis.steps[0].trafficPercent") == true)
    #expect(state.flash?.text.contains("failed: \(message)") == true)
    #expect(state.mode.name == .normal)
  }
}
