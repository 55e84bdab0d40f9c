import AIResources
import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import Controller

/// An application's objectives measured from the real gateway's metrics by the real controller.
@Suite(.serialized, .timeLimit(.minutes(10))) struct SLOStatusTests {
  @Test("a route refusing most requests burns its error budget: SLOBreached, health Degraded, burn rates shown")
  func breached() async throws {
    let harness = try await DeliveryHarness()
    try await harness.servingChat(rateLimit: ["requestsPerMinute": 60, "burst": 1])
    _ = try await harness.client.create(
      DeliveryHarness.applications,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
        "metadata": ["name": "shop", "namespace": "default"],
        "spec": [
          "services": [["name": "chat"]], "routes": [["name": "chat"]],
          "monitoring": ["errorRatePercent": 1, "latencyP99Millis": 5000],
        ],
      ])
    let load = harness.traffic()
    var application: JSONValue = .null
    try await harness.eventually("the objective is breached while every member is ready", timeout: .seconds(60)) {
      application = try await harness.client.get(DeliveryHarness.applications, name: "shop", namespace: "default")
      return harness.condition("SLOBreached", of: application)?["status"] == "True"
        && harness.condition("Ready", of: application)?["status"] == "True"
    }
    load.cancel()
    await load.value
    let breached = harness.condition("SLOBreached", of: application)
    #expect(breached?["reason"] == "FastBurn")
    #expect(breached?["message"]?.stringValue?.hasPrefix("errorRatePercent burns its budget at ") == true)
    #expect(application[path: ["status", "health"]] == "Degraded")
    #expect(harness.condition("Ready", of: application)?["reason"] == "Healthy", "Ready follows the members alone")
    let slo = try #require(application[path: ["status", "slo"]])
    #expect(slo["window"] == "30d")
    let targets = slo["targets"]?.arrayValue ?? []
    let errors = try #require(targets.first { $0["name"] == "errorRatePercent" })
    #expect(errors["objective"] == .double(0.99))
    #expect(errors["alert"] == "Page")
    let rates = errors["burnRates"]?.arrayValue ?? []
    #expect(rates.compactMap { $0["window"]?.stringValue } == ["5m", "30m", "1h", "6h", "3d"])
    #expect(rates.allSatisfy { $0["data"] == "Partial" && ($0["rate"]?.doubleValue ?? 0) > 14.4 }, "\(rates)")
    #expect((errors["errorBudgetRemaining"]?.doubleValue ?? 1) < 0)
    let latency = try #require(targets.first { $0["name"] == "latencyP99Millis" })
    #expect(latency["alert"] == "None")

    try await harness.stop()
  }

  @Test("without a metrics source the objectives are Unknown, and health is the members'")
  func noMetricsSource() async throws {
    let harness = try await ControllerHarness()
    _ = try await harness.client.create(
      DeliveryHarness.applications,
      [
        "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
        "metadata": ["name": "shop", "namespace": "default"],
        "spec": ["monitoring": ["errorRatePercent": 1]],
      ])
    try await harness.eventually("SLOBreached is reported") {
      let application = try await harness.client.get(DeliveryHarness.applications, name: "shop", namespace: "default")
      return harness.condition("SLOBreached", of: application)?["reason"] == "NoMetricsSource"
        && harness.condition("SLOBreached", of: application)?["status"] == "Unknown"
        && application[path: ["status", "health"]] == "Unknown"
    }
    try await harness.stop()
  }
}
