import AIResources
import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// `startCanary` over loopback HTTPS against the embedded server: the stored spec, its change-id,
/// the audit log, and what is refused before or by the server.
@Suite("Start canary operation against the embedded server")
struct StartCanaryOperationTests {
  static let changeID = ["metadata", "annotations", "ai.aiconsole.dev/change-id"]

  /// A service on `mistral-7b-v1` and two more ModelDeployments: one of its model, one not.
  static func world(_ body: (OperationsWorld) async throws -> Void) async throws {
    try await OperationsWorld.with { world in
      for (name, model) in [("mistral-7b-v1", "mistral-7b"), ("mistral-7b-v2", "mistral-7b"), ("llama-v1", "llama")] {
        _ = try await world.client.create(
          ModelDeployment.resource,
          [
            "apiVersion": "ai.aiconsole.dev/v1", "kind": "ModelDeployment",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["modelName": .string(model), "modelVersion": .string(String(name.suffix(2)))],
          ])
      }
      try await world.create(.inferenceService, "chat", spec: ["modelRef": ["name": "mistral-7b-v1"], "replicas": 1])
      try await body(world)
    }
  }

  @Test("with analysis: one stamped edit sets the canary, its first step and the default analysis, and is audited")
  func withAnalysis() async throws {
    try await Self.world { world in
      let result = try await world.operations().startCanary("chat", model: "mistral-7b-v2", percent: 10, analysis: true)
      #expect(
        result.summary == "inferenceservice/chat canary mistral-7b-v2 takes 10% of the traffic, stepped by analysis")
      let stored = try await world.get(.inferenceService, "chat")
      #expect(stored[path: ["spec", "modelRef", "name"]] == "mistral-7b-v1")
      #expect(stored[path: ["spec", "canary", "modelRef", "name"]] == "mistral-7b-v2")
      #expect(stored[path: ["spec", "canary", "trafficPercent"]] == 10)
      let analysis = stored[path: ["spec", "canary", "analysis"]]
      #expect(analysis?["steps"]?.arrayValue?.compactMap { $0["trafficPercent"]?.intValue } == [10, 25, 50, 100])
      #expect(analysis?["steps"]?.arrayValue?.allSatisfy { $0["duration"] == "1m" } == true)
      #expect(analysis?[path: ["thresholds", "maxLatencyP99"]] == ["mode": "Relative", "value": 1.5])
      #expect(analysis?[path: ["thresholds", "maxErrorRate"]] == ["mode": "Relative", "value": 2])
      #expect(stored[path: Self.changeID] == .string(result.changeID))
      #expect(stored[path: ["metadata", "generation"]] == 2)
      let audit = try world.auditLines()
      #expect(audit.last?["action"] == "canary-start")
      #expect(audit.last?["changeID"] == .string(result.changeID))
    }
  }

  @Test("without analysis the canary holds its share; a second start is refused while it runs")
  func withoutAnalysis() async throws {
    try await Self.world { world in
      let operations = world.operations()
      _ = try await operations.startCanary("chat", model: "mistral-7b-v2", percent: 35, analysis: false)
      let stored = try await world.get(.inferenceService, "chat")
      #expect(stored[path: ["spec", "canary"]] == ["modelRef": ["name": "mistral-7b-v2"], "trafficPercent": 35])
      await #expect(throws: OperationError.self) {
        try await operations.startCanary("chat", model: "mistral-7b-v2", percent: 10, analysis: false)
      }
    }
  }

  @Test(
    "the stable one, another model's, a missing one and a step out of 1..100 are refused, nothing written",
    arguments: [
      ("mistral-7b-v1", 10, "is inferenceservice/chat's stable ModelDeployment"),
      ("llama-v1", 10, "serves llama, not mistral-7b"),
      ("mistral-7b-v7", 10, "not found"),
      ("mistral-7b-v2", 0, "must be within 1..100"),
    ])
  func refused(model: String, percent: Int, words: String) async throws {
    try await Self.world { world in
      do {
        _ = try await world.operations().startCanary("chat", model: model, percent: percent, analysis: true)
        Issue.record("a canary of \(model) at \(percent)% was started")
      } catch let error as OperationError {
        #expect(error.message.contains(words), "\(error.message)")
      }
      let stored = try await world.get(.inferenceService, "chat")
      #expect(stored[path: ["spec", "canary"]] == nil)
      let audit = try world.auditLines()
      #expect(audit.last?["result"] == "error")
    }
  }

  @Test("read-only refuses the start and records it")
  func readOnly() async throws {
    try await Self.world { world in
      await #expect(throws: OperationError.self) {
        try await world.operations(readOnly: true).startCanary(
          "chat", model: "mistral-7b-v2", percent: 10, analysis: false)
      }
      let stored = try await world.get(.inferenceService, "chat")
      #expect(stored[path: ["spec", "canary"]] == nil)
    }
  }

  @Test("a first step of 100 becomes a one-step analysis that admission accepts")
  func singleStep() async throws {
    try await Self.world { world in
      _ = try await world.operations().startCanary("chat", model: "mistral-7b-v2", percent: 100, analysis: true)
      let steps = try await world.get(.inferenceService, "chat")[path: ["spec", "canary", "analysis", "steps"]]
      #expect(steps?.arrayValue?.count == 1)
    }
  }

  @Test("the CLI's --start needs --traffic and goes without --promote or --abort; --analysis needs --start")
  func commandLine() throws {
    let command = try CanaryCommand.parse(["chat", "--start", "mistral-7b-v2", "--traffic", "10", "--analysis"])
    #expect(command.start == "mistral-7b-v2")
    #expect(command.traffic == 10)
    #expect(command.analysis)
    #expect(throws: (any Error).self) { try CanaryCommand.parse(["chat", "--start", "m"]) }
    #expect(throws: (any Error).self) {
      try CanaryCommand.parse(["chat", "--start", "m", "--traffic", "10", "--abort"])
    }
    #expect(throws: (any Error).self) { try CanaryCommand.parse(["chat", "--traffic", "10", "--analysis"]) }
  }
}
