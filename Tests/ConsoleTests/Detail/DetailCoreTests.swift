import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

/// The detail of Pods, Nodes and Events, and the events of a whole subtree in an AI object's
/// detail, from fixture objects as the console's cache would hold them.
@Suite("Detail of core kinds")
struct DetailCoreTests {
  typealias F = DetailFixtures

  /// The whole pane of `context` at 80 columns.
  static func lines(_ context: DetailContext) -> [String] {
    DetailPaneTests.draw(context, 80, DetailPane(model: DetailModel(context)).contentHeight)
  }

  /// The rows from the heading that starts with `title` to the next heading.
  static func section(_ title: String, of lines: [String]) -> [String] {
    guard let start = lines.firstIndex(where: { $0.hasPrefix("─ \(title)") }) else { return [] }
    let end = lines[(start + 1)...].firstIndex { $0.hasPrefix("─ ") } ?? lines.count
    return Array(lines[start..<end])
  }

  @Test("a crash-looping pod: its status as kubectl computes it, node, IP, QoS, GPUs and controller")
  func crashLoopPodSummary() {
    let lines = Self.lines(F.crashLoopContext)
    #expect(
      Array(lines.prefix(14)) == [
        "Kind:            Pod (v1)",
        "Name:            default/llama-pool-d",
        "Age:             10m",
        "Labels:          ai.aiconsole.dev/cluster=llama-pool",
        "Status:          CrashLoopBackOff",
        "Ready:           0/1",
        "Restarts:        5 (75s ago)",
        "Node:            gpu-node-1 / 10.0.0.11",
        "Started:         9m50s ago",
        "IP:              10.244.1.7",
        "QoS:             Burstable",
        "GPU:             requests 1 · limits 1",
        "Controlled by:   AICluster/llama-pool",
        "Service account: default",
      ])
    guard case .pod(let pod) = DetailModel(F.crashLoopContext).core else {
      Issue.record("a Pod's detail has no pod part")
      return
    }
    #expect(pod.fields.first { $0.key == "Status" }?.role == .statusError)
    #expect(pod.fields.first { $0.key == "Restarts" }?.role == .statusWarn)
  }

  @Test("a crash-looping pod's containers: waiting reason and message, the previous termination, restarts")
  func crashLoopPodContainers() {
    let lines = Self.lines(F.crashLoopContext)
    #expect(
      Self.section("Containers", of: lines) == [
        "─ Containers (2) ───────────────────────────────────────────────────────────────",
        "init fetch-weights · ghcr.io/demo/fetch:1",
        "  Ready:    true",
        "  Restarts: 0",
        "  State:    Terminated Completed, exit code 0, finished 9m20s ago",
        "model · vllm/vllm-openai:v0.6.3",
        "  Ready:      false",
        "  Restarts:   5",
        "  State:      Waiting CrashLoopBackOff: back-off 2m40s restarting failed contai…",
        "  Last state: Terminated Error, exit code 1, finished 75s ago",
      ])
    guard case .pod(let pod) = DetailModel(F.crashLoopContext).core, let model = pod.containers.last else {
      Issue.record("no containers")
      return
    }
    #expect(
      model.state == "Waiting CrashLoopBackOff: back-off 2m40s restarting failed container=model pod=llama-pool-d")
    #expect(model.role == .statusError)
    #expect(pod.containers.first?.role == .statusOK)
  }

  @Test("a pod's conditions and only its own events, warnings first")
  func podConditionsAndEvents() {
    let lines = Self.lines(F.crashLoopContext)
    #expect(
      Self.section("Conditions", of: lines) == [
        "─ Conditions ───────────────────────────────────────────────────────────────────",
        "TYPE         STATUS  REASON             AGE   MESSAGE",
        "Initialized  True                       9m20s",
        "Ready        False   ContainersNotReady 9m    containers with unready status: […",
        "PodScheduled True                       9m55s",
      ])
    #expect(
      Self.section("Events", of: lines) == [
        "─ Events (2) ───────────────────────────────────────────────────────────────────",
        "TYPE    REASON  AGE                 MESSAGE",
        "Warning BackOff 40s (x9 over 9m)    Back-off restarting failed container model …",
        "Normal  Pulled  80s (x6 over 9m20s) Container image \"vllm/vllm-openai:v0.6.3\" a…",
      ])
  }

  @Test("a GPU node: status, roles, product, pressure conditions, capacity against allocatable")
  func nodeSummary() throws {
    let context = try F.nodeContext()
    let lines = Self.lines(context)
    #expect(
      Array(lines.prefix(10)) == [
        "Kind:        Node (v1)",
        "Name:        gpu-node-1",
        "Age:         30d",
        "Labels:      kubernetes.io/hostname=gpu-node-1, node-role.kubernetes.io/gpu-wor…",
        "Status:      Ready",
        "Roles:       gpu-worker",
        "Addresses:   InternalIP 10.0.0.11, Hostname gpu-node-1",
        "GPU product: NVIDIA-H100-80GB-HBM3",
        "Kubelet:     v1.36.0",
        "Runtime:     containerd://2.1.0",
      ])
    #expect(
      DetailModel(context).conditions.map { "\($0.type) \($0.role)" } == [
        "MemoryPressure statusOK", "DiskPressure statusError", "Ready statusOK",
      ])
    #expect(
      Self.section("Resources", of: lines) == [
        "─ Resources ────────────────────────────────────────────────────────────────────",
        "RESOURCE        CAPACITY  ALLOCATABLE",
        "cpu                   96       95500m",
        "memory            1056Gi       1050Gi",
        "nvidia.com/gpu         2            2",
        "pods                 110          110",
      ])
  }

  @Test("a GPU node's GPUs as the metrics pane's gauges (only its own Hostname) and the pods placed on it")
  func nodeGPUsAndPods() throws {
    let lines = Self.lines(try F.nodeContext())
    #expect(
      Self.section("GPUs", of: lines) == [
        "─ GPUs (2) · util 44% ──────────────────────────────────────────────────────────",
        "   0 util ████████▊· 87%  mem ███████▌·· 75%  60.0/80.0G  351W  71°C  default/ll",
        "   1 util ··········· 0%  mem ··········· 0%   0.0/80.0G  351W  35°C  free",
      ])
    #expect(
      Self.section("Pods", of: lines) == [
        "─ Pods (2) ─────────────────────────────────────────────────────────────────────",
        "NAMESPACE  NAME                     STATUS           READY    RESTARTS  GPU AGE",
        "default    llama-pool-a             Running          1/1             0    1 10m",
        "default    llama-pool-d             CrashLoopBackOff 0/1   5 (75s ago)    1 10m",
      ])
    #expect(
      Self.section("Events", of: lines) == [
        "─ Events (1) ───────────────────────────────────────────────────────────────────",
        "TYPE    REASON              AGE  MESSAGE",
        "Warning NodeHasDiskPressure 5m   Node gpu-node-1 status is now: NodeHasDiskPres…",
      ])
  }

  @Test("a GPU node without DCGM metrics says whose metrics it waits for")
  func nodeWithoutMetrics() throws {
    var context = try F.nodeContext()
    context.metrics = MetricsBoard()
    #expect(
      Self.section("GPUs", of: Self.lines(context)) == [
        "─ GPUs ─────────────────────────────────────────────────────────────────────────",
        "no DCGM metrics with Hostname gpu-node-1 yet",
      ])
  }

  @Test("an InferenceService's events include its AIClusters' and pods', the AICluster's CrashLoop warning first")
  func serviceSubtreeEvents() {
    var context = F.serviceContext()
    context.related["Event"] = F.serviceEvents
    let model = DetailModel(context)
    #expect(
      model.events.map { "\($0.type) \($0.reason) \($0.object)" } == [
        "Warning CrashLoop AICluster/chat-canary", "Warning BackOff Pod/chat-canary-y1", "Normal Pulled Pod/chat-x1",
        "Normal Reconciled InferenceService/chat",
      ])
    #expect(
      Self.section("Events", of: Self.lines(context)) == [
        "─ Events (4) ───────────────────────────────────────────────────────────────────",
        "TYPE    REASON     OBJECT                AGE              MESSAGE",
        "Warning CrashLoop  AICluster/chat-canary 2m (x7 over 15m) 1 instance of model l…",
        "Warning BackOff    Pod/chat-canary-y1    5m (x3 over 10m) back-off restarting f…",
        "Normal  Pulled     Pod/chat-x1           20s              image already present",
        "Normal  Reconciled InferenceService/chat 30s              2 pools serve",
      ])
  }

  @Test("the subtree of an AIApplication runs through its services and pools down to their pods")
  func applicationSubtree() {
    let context = F.serviceContext(object: F.application)
    let relations = DetailRelations(related: context.related, registry: context.registry)
    let members = DetailSubtree(of: F.application, relations: relations).members.map {
      "\(DetailFields.kind($0))/\(DetailFields.name($0))"
    }
    #expect(
      Set(members) == [
        "AIApplication/chat-assistant", "InferenceService/chat", "AICluster/chat", "AICluster/chat-canary",
        "Pod/chat-x1", "Pod/chat-canary-y1",
      ])
    #expect(members.count == 6)
  }

  @Test("beyond the cap, the events say how many more there are")
  func eventsCapped() {
    var context = F.clusterContext
    context.related["Event"] = (0..<15).map { index in
      F.event(
        about: "Pod", "llama-pool-a", uid: "uid-llama-pool-a", reason: "Probe\(index)", "probe \(index)",
        first: 100 + index, last: 100 + index)
    }
    let lines = Self.lines(context)
    let events = Self.section("Events", of: lines)
    #expect(events.first?.hasPrefix("─ Events (15) ") == true)
    #expect(events.count == 2 + DetailPane.maxEvents + 1)
    #expect(events.last == "… 3 more")
  }

  @Test("an Event's detail: involved object, type, reason, message, count, first and last seen, reporter")
  func eventDetail() {
    var event = F.event(
      about: "Pod", "llama-pool-d", uid: "uid-llama-pool-d", reason: "BackOff",
      "Back-off restarting failed container model", type: "Warning", count: 9, first: 540, last: 40)
    event.set(["component": "kubelet", "host": "gpu-node-1"], at: ["source"])
    event.set("kubelet", at: ["reportingComponent"])
    event.set("gpu-node-1", at: ["reportingInstance"])
    let context = DetailContext(object: event, resource: F.coreEvent, related: ["Event": [event]], now: F.now)
    #expect(
      Self.lines(context) == [
        "Kind:            Event (v1)",
        "Name:            default/llama-pool-d.backoff",
        "Age:             <unknown>",
        "Labels:          <none>",
        "Involved object: Pod default/llama-pool-d",
        "Type:            Warning",
        "Reason:          BackOff",
        "Message:         Back-off restarting failed container model",
        "Count:           9",
        "First seen:      9m ago (2027-01-15T07:51:00Z)",
        "Last seen:       40s ago (2027-01-15T07:59:20Z)",
        "Source:          kubelet, gpu-node-1",
        "Reporter:        kubelet (gpu-node-1)",
      ])
  }

  @Test("GPU requests sum over containers; a container with only a limit requests as much")
  func gpuCounts() {
    let pod: JSONValue = [
      "apiVersion": "v1", "kind": "Pod",
      "spec": [
        "containers": [
          ["name": "a", "resources": ["limits": ["nvidia.com/gpu": "2"]]],
          ["name": "b", "resources": ["requests": ["nvidia.com/gpu": 1], "limits": ["nvidia.com/gpu": 1]]],
          ["name": "c", "resources": ["requests": ["cpu": "500m"]]],
        ]
      ],
    ]
    let counts = DetailPod.gpuCounts(pod)
    #expect(counts.requests == 3)
    #expect(counts.limits == 3)
    #expect(DetailPod.gpuCounts(["spec": ["containers": [["name": "a"]]]]).requests == nil)
  }

  @Test(
    "quantities read as numbers",
    arguments: [("1", 1.0), ("500m", 0.5), ("32Gi", 34_359_738_368), ("2k", 2000), ("1e3", 1000), ("1.5", 1.5)])
  func quantities(text: String, value: Double) {
    #expect(DetailQuantity.value(text) == value)
  }

  @Test("text that is no quantity reads as none", arguments: ["", "abc", "1Xi", "1e999"])
  func notQuantities(text: String) {
    #expect(DetailQuantity.value(text) == nil)
  }
}
