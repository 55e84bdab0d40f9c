import ClusterClient
import KubeCore
import Views

/// Nodes with what an AI fleet needs beside the server's STATUS, ROLES and VERSION: how many
/// GPUs the node offers and which.
enum NodeKind {
  static let gpuProductLabel = "nvidia.com/gpu.product"

  static func descriptor(_ resource: APIResource, columns: [ServerTable.Column]) -> KindDescriptor {
    let server = ServerTableKind.descriptor(resource, columns: columns)
    return KindDescriptor(
      resource: resource,
      columns: server.columns + [KindDescriptor.column("GPUS", numeric: true), KindDescriptor.column("GPU TYPE")],
      cells: { object, context in
        server.cells(object, context) + [
          ResourceColumns.text(object[path: ["status", "allocatable", DetailInstance.gpuResource]]),
          object[path: ["metadata", "labels", gpuProductLabel]]?.stringValue ?? "-",
        ]
      })
  }
}
