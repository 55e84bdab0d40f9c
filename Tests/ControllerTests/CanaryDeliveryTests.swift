import AIResources
import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import Controller

/// Canary analysis end to end: the real controller steps a canary's traffic through the real
/// gateway, reads both pools' figures from the gateway's `/metrics`, and promotes or aborts.
@Suite(.serialized, .timeLimit(.minutes(10))) struct CanaryDeliveryTests {
  static func analysis(steps: [(Int, String)], minRequests: Int, thresholds: JSONValue) -> JSONValue {
    [
      "steps": .array(steps.map { ["trafficPercent": .int(Int64($0.0)), "duration": .string($0.1)] }),
      "minRequests": .int(Int64(minRequests)), "thresholds": thresholds,
    ]
  }

  /// Requests served by the canary pool among `count` sent now.
  static func canaryServed(_ harness: DeliveryHarness, _ count: Int) async throws -> Int {
    var canary = 0
    for _ in 0..<count where try await harness.send().backend?.contains("chat-canary-") == true { canary += 1 }
    return canary
  }

  @Test("a crash-looping canary serves nothing and is aborted when its step ends; stable keeps all the traffic")
  func crashLoopAborted() async throws {
    let harness = try await DeliveryHarness()
    try await harness.servingChat()
    try await harness.model("llama-v2", version: "2", failureMode: "crashloop")
    let load = harness.traffic()
    let started = ContinuousClock.now
    try await harness.startCanary(
      "llama-v2",
      analysis: Self.analysis(
        steps: [(20, "4s"), (50, "4s")], minRequests: 5,
        thresholds: ["maxErrorRate": ["mode": "Absolute", "value": 5]]))
    try await harness.eventually("the analysis aborts the canary", timeout: .seconds(60)) {
      harness.condition("CanaryAborted", of: try await harness.service())?["status"] == "True"
    }
    let took = ContinuousClock.now - started
    load.cancel()
    await load.value
    let service = try await harness.service()
    let aborted = harness.condition("CanaryAborted", of: service)
    #expect(aborted?["reason"] == "TooFewRequests")
    #expect(
      aborted?["message"]?.stringValue?.hasPrefix("step 1/2 at 20%: minRequests: canary served 0.0 requests") == true,
      "\(aborted ?? .null)")
    #expect(service[path: ["spec", "canary"]] == nil)
    #expect(service[path: ["status", "canary", "analysis", "phase"]] == "Aborted")
    #expect(took < .seconds(4 + 3), "aborted \(took) after the canary started, for a 4 s step")
    print("crash-looping canary aborted \(took) after its analysis started (step of 4 s)")
    try await harness.eventually("the canary pool is gone") {
      (try? await harness.client.get(AICluster.resource, name: "chat-canary", namespace: "default")) == nil
    }
    #expect(try await Self.canaryServed(harness, 30) == 0)
    try await harness.stop()
  }

  @Test("a slow canary is aborted within its step by the relative p99 latency check")
  func slowAborted() async throws {
    let harness = try await DeliveryHarness()
    try await harness.servingChat()
    try await harness.model("llama-v2", version: "2", failureMode: "slow")
    let load = harness.traffic(workers: 6)
    let started = ContinuousClock.now
    try await harness.startCanary(
      "llama-v2",
      analysis: Self.analysis(
        steps: [(30, "40s")], minRequests: 5,
        thresholds: [
          "maxLatencyP99": ["mode": "Relative", "value": 2], "maxErrorRate": ["mode": "Absolute", "value": 5],
        ]
      ))
    var firstCanaryRequest: ContinuousClock.Instant?
    try await harness.eventually("the analysis aborts the canary", timeout: .seconds(90)) {
      if firstCanaryRequest == nil, try await harness.canaryRequests() > 0 { firstCanaryRequest = .now }
      return harness.condition("CanaryAborted", of: try await harness.service())?["status"] == "True"
    }
    let abortedAt = ContinuousClock.now
    load.cancel()
    await load.value
    let service = try await harness.service()
    let aborted = harness.condition("CanaryAborted", of: service)
    #expect(aborted?["reason"] == "LatencyExceeded", "\(aborted ?? .null)")
    let message = aborted?["message"]?.stringValue ?? ""
    #expect(
      message.contains("maxLatencyP99: canary ") && message.contains(", stable ")
        && message.contains("(Relative 2.0× stable)"), "\(message)")
    #expect(abortedAt - started < .seconds(40), "aborted within the 40 s step")
    let sinceFirst = firstCanaryRequest.map { abortedAt - $0 }
    print(
      "slow canary: first canary request \(firstCanaryRequest.map { $0 - started } ?? .zero) after the analysis began, aborted \(sinceFirst ?? .zero) after it"
    )
    #expect(service[path: ["spec", "canary"]] == nil)
    try await harness.eventually("the canary pool is gone") {
      (try? await harness.client.get(AICluster.resource, name: "chat-canary", namespace: "default")) == nil
    }
    #expect(try await Self.canaryServed(harness, 30) == 0)
    try await harness.stop()
  }

  @Test("a healthy canary is promoted step by step, each step an edit with a change-id")
  func healthyPromoted() async throws {
    let harness = try await DeliveryHarness()
    try await harness.servingChat()
    try await harness.model("llama-v2", version: "2")
    let load = harness.traffic()
    try await harness.startCanary(
      "llama-v2",
      analysis: Self.analysis(
        steps: [(20, "3s"), (50, "3s")], minRequests: 3,
        thresholds: [
          "maxErrorRate": ["mode": "Absolute", "value": 5], "maxLatencyP99": ["mode": "Relative", "value": 5],
        ]
      ))
    var seen: [Int64] = []
    try await harness.eventually("the canary is promoted", timeout: .seconds(90)) {
      let service = try await harness.service()
      if let percent = service[path: ["spec", "canary", "trafficPercent"]]?.intValue, seen.last != percent {
        seen.append(percent)
      }
      return service[path: ["status", "canary", "analysis", "phase"]] == "Promoted"
    }
    load.cancel()
    await load.value
    #expect(seen == [0, 20, 50] || seen == [20, 50], "traffic steps seen: \(seen)")
    let service = try await harness.service()
    #expect(service[path: ["spec", "modelRef", "name"]] == "llama-v2")
    #expect(service[path: ["spec", "canary"]] == nil)
    #expect(harness.condition("CanaryAborted", of: service) == nil)
    let changeID = service[path: ["metadata", "annotations", ChangeStamp.idAnnotation]]?.stringValue
    #expect(changeID != nil)
    let events = try await harness.client.list(CoreResources.events, namespace: "default").items
    let steps = events.filter { $0["reason"] == "CanaryStep" }
    let promoted = events.filter { $0["reason"] == "CanaryPromoted" }
    #expect(steps.count == 2 && promoted.count == 1, "\(events.compactMap { $0["reason"]?.stringValue })")
    let stamped = (steps + promoted).compactMap {
      $0[path: ["metadata", "annotations", ChangeStamp.idAnnotation]]?.stringValue
    }
    #expect(Set(stamped).count == 3, "each step is its own change")
    #expect(stamped.contains(changeID ?? "-"), "the promotion is the last edit")
    try await harness.eventually("the stable pool runs the promoted model") {
      let cluster = try await harness.client.get(AICluster.resource, name: "chat", namespace: "default")
      return cluster[path: ["spec", "modelVersion"]] == "2"
    }
    try await harness.stop()
  }
}
