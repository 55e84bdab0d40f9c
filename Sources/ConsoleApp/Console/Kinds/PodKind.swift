import ClusterClient
import KubeCore
import Views

/// Pods as an SRE reads them: the server's READY, STATUS (with the waiting or terminated reason:
/// `CrashLoopBackOff`, `OOMKilled`) and RESTARTS, then where the pod runs and the GPUs it asked for.
enum PodKind {
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
          DetailPod.gpuCounts(object).requests.map { DetailQuantity.text($0) } ?? "-",
        ]
      })
  }
}
