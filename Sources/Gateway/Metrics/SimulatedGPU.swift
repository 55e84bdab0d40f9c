/// One GPU of a simulated node and the instance holding it, with the identity the DCGM exporter
/// labels it by.
///
/// GPUs are assigned within each node in Pod name order: the instances on a node, sorted by
/// name, take consecutive indexes from 0, each as many as it holds (`gpus`). Pod names of one
/// AICluster sort by creation, and the assignment depends on nothing but the instances, so every
/// scrape of the same fleet labels the same GPUs the same way. Instances that would overflow the
/// node's GPUs (never the case when the fleet's scheduler placed them) get none.
public struct SimulatedGPU: Sendable, Hashable {
  public var node: String
  public var index: Int
  /// The instance holding it, if any.
  public var holder: ServingInstance?

  /// `GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, stable for a node and index.
  public var uuid: String {
    let high = Self.fnv1a("\(node)/\(index)")
    let low = Self.fnv1a("\(index)/\(node)")
    let hex = String(high, radix: 16).leftPadded(16) + String(low, radix: 16).leftPadded(16)
    let parts = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { range in
      String(hex.dropFirst(range.lowerBound).prefix(range.count))
    }
    return "GPU-" + parts.joined(separator: "-")
  }

  /// The PCI bus ID as `nvidia-smi` writes it; the first eight are the buses of an HGX H100 board.
  public var pciBusID: String {
    let buses = [0x18, 0x2A, 0x3A, 0x5D, 0x9A, 0xAB, 0xBA, 0xDB]
    let bus = index < buses.count ? buses[index] : 0xE0 + index
    return "00000000:" + String(bus, radix: 16, uppercase: true).leftPadded(2) + ":00.0"
  }

  /// `nvidia0`, `nvidia1`, …
  public var device: String { "nvidia\(index)" }

  /// Every GPU of `nodes` (and of the nodes `instances` run on), `gpusPerNode` each, with its holder.
  public static func assign(instances: [ServingInstance], nodes: [String], gpusPerNode: Int) -> [SimulatedGPU] {
    let byNode = Dictionary(grouping: instances, by: \.node)
    return Set(nodes).union(byNode.keys).sorted().flatMap { node in
      var gpus = (0..<gpusPerNode).map { SimulatedGPU(node: node, index: $0) }
      var next = 0
      for instance in (byNode[node] ?? []).sorted(by: { $0.pod < $1.pod }) {
        let count = max(1, instance.gpus)
        guard next + count <= gpusPerNode else { continue }
        for index in next..<(next + count) { gpus[index].holder = instance }
        next += count
      }
      return gpus
    }
  }

  static func fnv1a(_ text: String) -> UInt64 {
    text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x0000_0100_0000_01b3 }
  }
}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
