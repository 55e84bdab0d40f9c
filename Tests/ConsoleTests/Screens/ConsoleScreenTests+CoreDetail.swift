import ClusterClient
import Foundation
import KubeCore
import Testing
import Views

@testable import ConsoleApp

extension ConsoleScreenTests {
  /// The detail of a Pod, a Node and an Event zoomed over the whole screen, built from the
  /// screen fixture's cache and metrics as the reducer builds a detail (`detailContext`), with
  /// the object put in place of the selection: the list of those kinds comes with `:pods`,
  /// `:no` and `:events`, and the detail is a pure function of its context either way.
  @Suite("Console screens: the detail of core kinds, zoomed")
  struct CoreDetail {
    @Test(
      "the crash-looping rerank pod: status, containers with the last termination, conditions, events",
      arguments: ScreenSize.allCases)
    func crashLoopPod(size: ScreenSize) throws {
      let screen = try ScreenFixture(size)
      let state = try screen.zoomedDetail(
        of: ScreenFixture.crashLoopPod, CoreResources.pods, events: ScreenFixture.crashLoopPodEvents)
      ScreenSnapshot(state).expect(matches: "detail-pod-\(size.rawValue)")
    }

    @Test("a GPU node: conditions, resources, its GPUs' gauges and the pods on it", arguments: ScreenSize.allCases)
    func gpuNode(size: ScreenSize) throws {
      let screen = try ScreenFixture(size)
      let state = try screen.zoomedDetail(of: ScreenFixture.node(4), CoreResources.nodes)
      ScreenSnapshot(state).expect(matches: "detail-node-\(size.rawValue)")
    }

    @Test("the rerank pool's CrashLoopBackOff warning as an Event", arguments: ScreenSize.allCases)
    func warningEvent(size: ScreenSize) throws {
      let screen = try ScreenFixture(size)
      let event = try #require(ScreenFixture.events.first { $0["reason"] == "CrashLoopBackOff" })
      let state = try screen.zoomedDetail(of: event, CoreResources.events)
      ScreenSnapshot(state).expect(matches: "detail-event-\(size.rawValue)")
    }
  }
}

extension ScreenFixture {
  /// The state with the detail of `object` zoomed and focused; `object` replaces the cached
  /// object of the same kind and name.
  func zoomedDetail(of object: JSONValue, _ resource: APIResource, events: [JSONValue] = []) throws -> ConsoleState {
    var state = self.state
    var context = try #require(ConsoleReducer.detailContext(state))
    context.object = object
    context.resource = resource
    let kind = DetailFields.kind(object)
    context.related[kind] =
      (context.related[kind] ?? []).filter { ResourceStore.key($0) != ResourceStore.key(object) } + [object]
    context.related["Event", default: []] += events
    state.detail = DetailModel(context)
    state.focus = .detail
    state.zoom = .detail
    return state
  }

  /// The rerank pool's pod as the kubelet reports it after its sixth crash: the previous
  /// container exited with status 1, and the kubelet waits before starting it again.
  static var crashLoopPod: JSONValue {
    var pod = pods(rerank)[0]
    pod.set(
      [
        "phase": "Running", "hostIP": "10.0.0.14", "podIP": "10.244.4.9", "podIPs": [["ip": "10.244.4.9"]],
        "qosClass": "Burstable", "startTime": ago(2 * 86_400),
        "conditions": [
          condition("Initialized", "True", "", "", ago: 2 * 86_400),
          condition("Ready", "False", "ContainersNotReady", "containers with unready status: [model]", ago: 1_500),
          condition("PodScheduled", "True", "", "", ago: 2 * 86_400),
        ],
        "containerStatuses": [
          [
            "name": "model", "ready": false, "restartCount": 6, "image": "vllm/vllm-openai:v0.6.3",
            "state": [
              "waiting": ["reason": "CrashLoopBackOff", "message": "back-off 20s restarting failed container"]
            ],
            "lastState": [
              "terminated": [
                "reason": "Error", "exitCode": 1, "startedAt": ago(70), "finishedAt": ago(62),
                "message": "checksum mismatch in shard 3 of 8",
              ]
            ],
          ]
        ],
      ], at: ["status"])
    return pod
  }

  /// What the kubelet reports about the crash-looping pod.
  static var crashLoopPodEvents: [JSONValue] {
    let name = "rerank-5c7d9e8f1-t6y4u"
    return [
      ("BackOff", "Back-off restarting failed container model in pod \(name)", "Warning", 41, 1_500, 20),
      ("Pulled", "Container image \"vllm/vllm-openai:v0.6.3\" already present on machine", "Normal", 7, 1_560, 70),
    ].map { reason, message, type, count, first, last in
      [
        "apiVersion": "v1", "kind": "Event",
        "metadata": ["name": .string("\(name).\(reason.lowercased())"), "namespace": "search"],
        "involvedObject": [
          "apiVersion": "v1", "kind": "Pod", "name": .string(name), "namespace": "search",
          "uid": .string("uid-\(name)"),
          "fieldPath": "spec.containers{model}",
        ],
        "reason": .string(reason), "message": .string(message), "type": .string(type), "count": .int(Int64(count)),
        "source": ["component": "kubelet", "host": "gpu-node-4"], "firstTimestamp": ago(first),
        "lastTimestamp": ago(last),
      ]
    }
  }

  /// Node `gpu-node-N` as GPU feature discovery labels a node of two H100s.
  static func node(_ index: Int) -> JSONValue {
    let resources: JSONValue = ["cpu": "64", "memory": "512Gi", "pods": "110", "nvidia.com/gpu": "2"]
    return [
      "apiVersion": "v1", "kind": "Node",
      "metadata": [
        "name": .string("gpu-node-\(index)"), "uid": .string("uid-gpu-node-\(index)"),
        "creationTimestamp": ago(40 * 86_400),
        "labels": [
          "kubernetes.io/hostname": .string("gpu-node-\(index)"), "node-role.kubernetes.io/gpu-worker": "",
          "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3",
        ],
      ],
      "spec": ["podCIDR": .string("10.244.\(index).0/24")],
      "status": [
        "capacity": resources, "allocatable": resources,
        "addresses": [["type": "InternalIP", "address": .string("10.0.0.1\(index)")]],
        "conditions": [
          condition(
            "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory", ago: 86_400),
          condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", ago: 86_400),
          condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID", ago: 86_400),
          condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", ago: 86_400),
        ],
        "nodeInfo": ["kubeletVersion": "v1.36.0", "containerRuntimeVersion": "containerd://2.1.0"],
      ],
    ]
  }
}
