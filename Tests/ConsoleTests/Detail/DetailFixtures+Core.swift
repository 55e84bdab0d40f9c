import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// Core objects around the AICluster `llama-pool`: a crash-looping instance pod, the GPU node it
/// runs on with the DCGM metrics of its GPUs, and Events about objects at every level.
extension DetailFixtures {
  static let corePod = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)
  static let coreNode = APIResource(group: "", version: "v1", name: "nodes", kind: "Node", namespaced: false)
  static let coreEvent = APIResource(group: "", version: "v1", name: "events", kind: "Event", namespaced: true)

  /// An instance of `llama-pool` whose model exits with status 1 at start: the kubelet backs off
  /// restarting it.
  static let crashLoopPod: JSONValue = [
    "apiVersion": "v1", "kind": "Pod",
    "metadata": [
      "name": "llama-pool-d", "namespace": "default", "uid": "uid-llama-pool-d", "creationTimestamp": ago(600),
      "labels": ["ai.aiconsole.dev/cluster": "llama-pool"],
      "ownerReferences": [owner("AICluster", "llama-pool", "uid-aic")],
    ],
    "spec": [
      "nodeName": "gpu-node-1", "serviceAccountName": "default",
      "initContainers": [["name": "fetch-weights", "image": "ghcr.io/demo/fetch:1"]],
      "containers": [
        [
          "name": "model", "image": "vllm/vllm-openai:v0.6.3",
          "resources": ["requests": ["cpu": "4", "nvidia.com/gpu": "1"], "limits": ["nvidia.com/gpu": "1"]],
        ]
      ],
    ],
    "status": [
      "phase": "Running", "hostIP": "10.0.0.11", "podIP": "10.244.1.7", "podIPs": [["ip": "10.244.1.7"]],
      "qosClass": "Burstable", "startTime": ago(590),
      "conditions": [
        condition("Initialized", "True", "", "", ago: 560),
        condition("Ready", "False", "ContainersNotReady", "containers with unready status: [model]", ago: 540),
        condition("PodScheduled", "True", "", "", ago: 595),
      ],
      "initContainerStatuses": [
        [
          "name": "fetch-weights", "ready": true, "restartCount": 0, "image": "ghcr.io/demo/fetch:1",
          "state": ["terminated": ["reason": "Completed", "exitCode": 0, "finishedAt": ago(560)]],
        ]
      ],
      "containerStatuses": [
        [
          "name": "model", "ready": false, "restartCount": 5, "image": "vllm/vllm-openai:v0.6.3",
          "state": [
            "waiting": [
              "reason": "CrashLoopBackOff",
              "message": "back-off 2m40s restarting failed container=model pod=llama-pool-d",
            ]
          ],
          "lastState": [
            "terminated": [
              "reason": "Error", "exitCode": 1, "startedAt": ago(80), "finishedAt": ago(75),
            ]
          ],
        ]
      ],
    ],
  ]

  /// The GPU node `llama-pool`'s pods run on, as GPU feature discovery labels one.
  static let gpuNode: JSONValue = [
    "apiVersion": "v1", "kind": "Node",
    "metadata": [
      "name": "gpu-node-1", "uid": "uid-node-1", "creationTimestamp": ago(30 * 86400),
      "labels": [
        "kubernetes.io/hostname": "gpu-node-1", "node-role.kubernetes.io/gpu-worker": "",
        "nvidia.com/gpu.product": "NVIDIA-H100-80GB-HBM3", "nvidia.com/gpu.count": "2",
      ],
    ],
    "spec": ["podCIDR": "10.244.1.0/24"],
    "status": [
      "capacity": ["cpu": "96", "memory": "1056Gi", "pods": "110", "nvidia.com/gpu": "2"],
      "allocatable": ["cpu": "95500m", "memory": "1050Gi", "pods": "110", "nvidia.com/gpu": "2"],
      "addresses": [["type": "InternalIP", "address": "10.0.0.11"], ["type": "Hostname", "address": "gpu-node-1"]],
      "conditions": [
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory", ago: 86400),
        condition("DiskPressure", "True", "KubeletHasDiskPressure", "kubelet has disk pressure", ago: 300),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", ago: 86400),
      ],
      "nodeInfo": ["kubeletVersion": "v1.36.0", "containerRuntimeVersion": "containerd://2.1.0"],
    ],
  ]

  /// A pod on another node, which the node's detail must leave out.
  static let otherNodePod = pod(
    "llama-pool-e", node: "gpu-node-2",
    status: [
      "phase": "Running",
      "containerStatuses": [["name": "model", "ready": true, "restartCount": 0, "state": ["running": [:]]]],
    ])

  /// The DCGM exporter's view: two GPUs on `gpu-node-1` (one held by `llama-pool-a`), one on
  /// `gpu-node-2`.
  static func gpuBoard() throws -> MetricsBoard {
    let text =
      MetricsFixtures.dcgm(
        node: "gpu-node-1", gpu: 0, utilisation: 87, usedMiB: 61_440, freeMiB: 20_480, temperature: 71,
        namespace: "default", pod: "llama-pool-a")
      + MetricsFixtures.dcgm(node: "gpu-node-1", gpu: 1, utilisation: 0, usedMiB: 0, freeMiB: 81_920, temperature: 35)
      + MetricsFixtures.dcgm(node: "gpu-node-2", gpu: 0, utilisation: 50)
    var board = MetricsBoard()
    board.ingest(
      families: try PrometheusTextParser.parse(text), from: .exposition("http://dcgm:9400/metrics"),
      at: Int64(now.timeIntervalSince1970 * 1000))
    return board
  }

  /// An Event about any object.
  static func event(
    about kind: String, _ name: String, uid: String, reason: String, _ message: String, type: String = "Normal",
    count: Int64 = 1, first: Int, last: Int, namespace: String = "default"
  ) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Event",
      "metadata": ["name": .string("\(name).\(reason.lowercased())"), "namespace": .string(namespace)],
      "involvedObject": [
        "kind": .string(kind), "name": .string(name), "namespace": .string(namespace), "uid": .string(uid),
      ],
      "reason": .string(reason), "message": .string(message), "type": .string(type), "count": .int(count),
      "source": ["component": "aiconsole-controller"], "firstTimestamp": ago(first), "lastTimestamp": ago(last),
    ]
  }

  /// Events of the InferenceService `chat` and of what it owns, and one of an unrelated pool.
  static let serviceEvents: [JSONValue] = [
    event(
      about: "InferenceService", "chat", uid: "uid-isvc", reason: "Reconciled", "2 pools serve", first: 30, last: 30),
    event(
      about: "AICluster", "chat-canary", uid: "uid-chat-canary", reason: "CrashLoop",
      "1 instance of model llama-3-8b keeps crashing", type: "Warning", count: 7, first: 900, last: 120),
    event(
      about: "Pod", "chat-x1", uid: "uid-chat-x1", reason: "Pulled", "image already present", first: 20, last: 20),
    event(
      about: "Pod", "chat-canary-y1", uid: "uid-chat-canary-y1", reason: "BackOff",
      "back-off restarting failed container", type: "Warning", count: 3, first: 600, last: 300),
    // The same name but another uid: an AICluster `chat` that was deleted and made again.
    event(about: "AICluster", "chat", uid: "uid-old-chat", reason: "Deleted", "deleted", first: 5000, last: 5000),
    event(about: "AICluster", "llama-pool", uid: "uid-aic", reason: "Scaled", "scaled to 3", first: 10, last: 10),
  ]

  /// The pod `crashLoopPod` with its pool, node and events cached.
  static var crashLoopContext: DetailContext {
    DetailContext(
      object: crashLoopPod, resource: corePod,
      related: [
        "AICluster": [cluster], "Pod": [runningPod, crashLoopPod], "Node": [gpuNode],
        "Event": [
          event(
            about: "Pod", "llama-pool-d", uid: "uid-llama-pool-d", reason: "BackOff",
            "Back-off restarting failed container model in pod llama-pool-d", type: "Warning", count: 9, first: 540,
            last: 40),
          event(
            about: "Pod", "llama-pool-d", uid: "uid-llama-pool-d", reason: "Pulled",
            "Container image \"vllm/vllm-openai:v0.6.3\" already present on machine", count: 6, first: 560, last: 80),
          event(about: "Pod", "llama-pool-a", uid: "uid-llama-pool-a", reason: "Started", "started", first: 9, last: 9),
        ],
      ],
      now: now)
  }

  /// The node `gpu-node-1` with its GPUs' metrics and the pods of every node cached.
  static func nodeContext() throws -> DetailContext {
    DetailContext(
      object: gpuNode, resource: coreNode,
      related: [
        "Node": [gpuNode], "Pod": [runningPod, crashLoopPod, unschedulablePod, otherNodePod],
        "Event": [
          event(
            about: "Node", "gpu-node-1", uid: "uid-node-1", reason: "NodeHasDiskPressure",
            "Node gpu-node-1 status is now: NodeHasDiskPressure", type: "Warning", first: 300, last: 300, namespace: "")
        ],
      ],
      now: now, metrics: try gpuBoard())
  }
}
