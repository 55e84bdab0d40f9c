import KubeCore

/// The Node objects of the simulated fleet, shaped like a GPU node's as the NVIDIA device plugin
/// and GPU feature discovery label it.
enum FleetNode {
  static func name(index: Int) -> String { "sim-gpu-node-\(index)" }

  static func manifest(index: Int, configuration: SimulatedFleet.Configuration) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Node",
      "metadata": [
        "name": .string(name(index: index)),
        "labels": [
          SimulatedFleet.nodeLabel: "true",
          "kubernetes.io/hostname": .string(name(index: index)),
          "node-role.kubernetes.io/gpu-worker": "",
          "nvidia.com/gpu.present": "true",
          "nvidia.com/gpu.product": .string(configuration.gpuProduct),
          "nvidia.com/gpu.count": .string(String(configuration.gpusPerNode)),
        ],
      ],
      "spec": ["podCIDR": .string("10.244.\(index).0/24")],
    ]
  }

  static func status(index: Int, configuration: SimulatedFleet.Configuration) -> JSONValue {
    let resources: JSONValue = [
      "cpu": "96", "memory": "1056Gi", "pods": "110", "nvidia.com/gpu": .string(String(configuration.gpusPerNode)),
    ]
    return [
      "capacity": resources, "allocatable": resources,
      "addresses": [
        ["type": "InternalIP", "address": .string("10.0.0.\(index + 10)")],
        ["type": "Hostname", "address": .string(name(index: index))],
      ],
      "conditions": [
        [
          "type": "Ready", "status": "True", "reason": "KubeletReady",
          "message": "simulated kubelet is posting ready status",
        ]
      ],
      "nodeInfo": [
        "kubeletVersion": "v1.36.0-sim", "containerRuntimeVersion": "containerd://2.1.0", "operatingSystem": "linux",
        "architecture": "amd64", "osImage": "aiconsole simulated GPU node",
      ],
    ]
  }
}
