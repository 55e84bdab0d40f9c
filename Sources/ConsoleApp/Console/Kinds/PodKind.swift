import ClusterClient
import KubeCore
import Views

/// Pods as an SRE reads them: the server's READY, STATUS (with the waiting or terminated reason:
/// `CrashLoopBackOff`, `OOMKilled`) and RESTARTS, then where the pod runs and the GPUs it asked for.
enum PodKind {
  static let gpuResource = "nvidia.com/gpu"

  static func descriptor(_ resource: APIResource, columns: [ServerTable.Column]) -> KindDescriptor {
    let fromServer = ServerTableKind.shownColumns(columns).filter {
      ["Ready", "Status", "Restarts"].contains($0.column.name)
    }
    return KindDescriptor(
      resource: resource,
      columns: fromServer.map { ServerTableKind.tableColumn($0.column) } + [
        KindDescriptor.column("IP"), KindDescriptor.column("NODE"), KindDescriptor.column("GPU", numeric: true),
      ],
      cells: { object, context in
        let row = context.serverCells(object)
        return fromServer.map { ServerTableKind.cell(row, $0.index) } + [
          object[path: ["status", "podIP"]]?.stringValue ?? "<none>",
          object[path: ["spec", "nodeName"]]?.stringValue ?? "<none>",
          gpuRequest(object).map(String.init) ?? "-",
        ]
      })
  }

  /// The GPUs a pod asks for: its containers' `nvidia.com/gpu` requests (or limits, which set
  /// the request of an extended resource), summed; nil when it asks for none.
  static func gpuRequest(_ pod: JSONValue) -> Int? {
    let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
    let total = containers.reduce(0) { sum, container in
      let resources = container["resources"]
      let amount = resources?[path: ["requests", gpuResource]] ?? resources?[path: ["limits", gpuResource]]
      return sum + (amount.flatMap(quantity) ?? 0)
    }
    return total > 0 ? total : nil
  }

  private static func quantity(_ value: JSONValue) -> Int? {
    value.intValue.map { Int($0) } ?? value.stringValue.flatMap { Int($0) }
  }
}
