import Foundation
import KubeCore
import Testing

@testable import Controller

/// The fleet's pure parts: placing instances on GPU nodes and an instance's life.
@Suite struct SimulatedFleetTests {
  @Test func packsGPUsAndExplainsWhyNothingFits() {
    var scheduler = GPUScheduler(nodes: [.init(name: "a", gpus: 8), .init(name: "b", gpus: 8)])
    #expect(scheduler.place(gpus: 4) == .node("a"))
    #expect(scheduler.place(gpus: 4) == .node("a"), "the fuller node that fits")
    #expect(scheduler.place(gpus: 6) == .node("b"))
    guard case .unschedulable(let message) = scheduler.place(gpus: 4) else {
      Issue.record("four GPUs do not fit")
      return
    }
    #expect(message.hasPrefix("0/2 nodes are available: 2 Insufficient nvidia.com/gpu."))
    #expect(message.contains("asks for 4 GPU(s); the most free on any node is 2"))
  }

  @Test func cordonedNodesTakeNothing() {
    var scheduler = GPUScheduler(nodes: [.init(name: "a", gpus: 8, unschedulable: true)])
    guard case .unschedulable(let message) = scheduler.place(gpus: 1) else {
      Issue.record("a cordoned node took an instance")
      return
    }
    #expect(message.contains("1 node(s) were unschedulable"))
  }

  func pod(simulation: String?, status: JSONValue? = nil) -> JSONValue {
    var pod: JSONValue = [
      "metadata": ["name": "c-x-abcde", "labels": ["app.kubernetes.io/name": "llama"], "annotations": .emptyObject]
    ]
    if let simulation {
      pod.set(.string(simulation), at: ["metadata", "annotations", InstanceLabels.simulationAnnotation])
    }
    if let status { pod["status"] = status }
    return pod
  }

  @Test func startsLoadsAndBecomesReadyAfterStartupSeconds() throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let first = try #require(
      InstanceLifecycle(pod: pod(simulation: #"{"startupSeconds":3}"#), now: start).advance(
        node: "n", podIP: "10.0.0.1"))
    #expect(first.status["phase"] == "Running")
    #expect(!PodState.isReady(["status": first.status]))
    #expect(first.logLines.first?.contains(#""msg":"starting model server""#) == true)
    let early = InstanceLifecycle(pod: pod(simulation: #"{"startupSeconds":3}"#, status: first.status), now: start + 2)
    #expect(early.advance(node: "n", podIP: "10.0.0.1") == nil)
    let later = try #require(
      InstanceLifecycle(pod: pod(simulation: #"{"startupSeconds":3}"#, status: first.status), now: start + 3)
        .advance(node: "n", podIP: "10.0.0.1"))
    #expect(PodState.isReady(["status": later.status]))
  }

  @Test func aZeroStartupInstanceIsReadyInOneStep() throws {
    let step = try #require(
      InstanceLifecycle(pod: pod(simulation: #"{"startupSeconds":0}"#), now: Date()).advance(node: "n", podIP: "ip"))
    #expect(PodState.isReady(["status": step.status]))
  }

  @Test func crashloopRestartsWithBackoffAndReportsTheProblem() throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let profile = #"{"startupSeconds":1,"failureMode":"crashloop"}"#
    var status = try #require(
      InstanceLifecycle(pod: pod(simulation: profile), now: start).advance(node: "n", podIP: "ip")
    )
    .status
    var now = start
    for _ in 0..<12 {
      now += 1
      if let step = InstanceLifecycle(pod: pod(simulation: profile, status: status), now: now).advance(
        node: "n", podIP: "ip")
      {
        status = step.status
      }
    }
    let container = try #require(status["containerStatuses"]?.arrayValue?.first)
    #expect((container["restartCount"]?.intValue ?? 0) >= 2)
    #expect(container[path: ["lastState", "terminated", "exitCode"]] == 1)
    let problem = try #require(PodState.problem(pod(simulation: profile, status: status)))
    #expect(problem.reason == .crashLoop)
    #expect(problem.message.contains("exit code 1"))
  }

  @Test func oomInstancesAreKilledAfterServing() throws {
    let start = Date(timeIntervalSince1970: 1_800_000_000)
    let profile = #"{"startupSeconds":0,"failureMode":"oom"}"#
    let ready = try #require(
      InstanceLifecycle(pod: pod(simulation: profile), now: start).advance(node: "n", podIP: "ip"))
    #expect(PodState.isReady(["status": ready.status]))
    let killed = try #require(
      InstanceLifecycle(pod: pod(simulation: profile, status: ready.status), now: start + 6).advance(
        node: "n", podIP: "ip"))
    #expect(PodState.problem(pod(simulation: profile, status: killed.status))?.reason == .outOfMemory)
    #expect(killed.logLines.contains { $0.contains("CUDA out of memory") })
  }

  @Test func templateHashesAreStableAndLabelSafe() {
    let one = InstanceTemplate(modelName: "llama", modelVersion: "1")
    #expect(one.hash == InstanceTemplate(modelName: "llama", modelVersion: "1").hash)
    #expect(one.hash != InstanceTemplate(modelName: "llama", modelVersion: "2").hash)
    #expect(one.hash.allSatisfy { "bcdfghjklmnpqrstvwxz2456789".contains($0) })
  }
}
