/// Places simulated instances on simulated GPU nodes, packing GPUs tightly (the fullest node that
/// fits) so that large instances still find whole nodes free, and spreading instances that need
/// no GPU. Pure: the fleet gives it the nodes and what is already placed.
struct GPUScheduler {
  struct Node: Equatable {
    var name: String
    var gpus: Int
    /// Cordoned: takes no new instances.
    var unschedulable = false
  }

  enum Placement: Equatable {
    case node(String)
    /// Why no node fits, worded like kube-scheduler's event.
    case unschedulable(String)
  }

  var nodes: [Node]
  /// GPUs in use per node.
  var usedGPUs: [String: Int] = [:]
  /// Instances per node.
  var instances: [String: Int] = [:]

  /// Where an instance needing `gpus` goes; records it there.
  mutating func place(gpus: Int) -> Placement {
    let open = nodes.filter { !$0.unschedulable }
    let fitting = open.filter { free($0) >= gpus }
    guard
      let best = fitting.min(by: { left, right in
        (free(left) - gpus, instances[left.name, default: 0], left.name)
          < (free(right) - gpus, instances[right.name, default: 0], right.name)
      })
    else { return .unschedulable(reason(gpus: gpus, open: open)) }
    usedGPUs[best.name, default: 0] += gpus
    instances[best.name, default: 0] += 1
    return .node(best.name)
  }

  /// Counts an instance already on `node`.
  mutating func record(node: String, gpus: Int) {
    usedGPUs[node, default: 0] += gpus
    instances[node, default: 0] += 1
  }

  private func free(_ node: Node) -> Int { node.gpus - usedGPUs[node.name, default: 0] }

  private func reason(gpus: Int, open: [Node]) -> String {
    let cordoned = nodes.count - open.count
    var parts: [String] = []
    if !open.isEmpty { parts.append("\(open.count) Insufficient nvidia.com/gpu") }
    if cordoned > 0 { parts.append("\(cordoned) node(s) were unschedulable") }
    let mostFree = open.map(free).max() ?? 0
    return "0/\(nodes.count) nodes are available: \(parts.joined(separator: ", ")). "
      + "The instance asks for \(gpus) GPU(s); the most free on any node is \(mostFree)."
  }
}
