import Views

/// The sections only core kinds have: a Pod's containers, a Node's resources, GPUs and pods.
extension DetailPane {
  /// Pods listed on a node's detail before a `… N more` line.
  static let maxNodePods = 50

  /// A Pod's containers, each with its image, readiness, restarts, state and last state.
  var containerBlocks: [DetailBlock] {
    guard case .pod(let pod) = model.core else { return [] }
    let heading = DetailBlock.heading("Containers (\(pod.containers.count))")
    guard !pod.containers.isEmpty else { return [heading, .note("no containers", .muted)] }
    return [heading]
      + pod.containers.flatMap { container -> [DetailBlock] in
        [.note(container.heading, .title), .fields(container.items)]
      }
  }

  /// A Node's capacity and allocatable, its GPUs as the metrics pane draws them, and its pods.
  var nodeBlocks: [DetailBlock] {
    guard case .node(let node) = model.core else { return [] }
    return resourceBlocks(node) + gpuBlocks(node) + nodePodBlocks(node)
  }

  private func resourceBlocks(_ node: DetailNode) -> [DetailBlock] {
    guard !node.resources.isEmpty else { return [] }
    let columns = [
      TableColumn("RESOURCE", width: .fit(minimum: 8, maximum: 32)),
      TableColumn("CAPACITY", width: .fit(minimum: 8, maximum: 16), alignment: .right),
      TableColumn("ALLOCATABLE", width: .fit(minimum: 11, maximum: 16), alignment: .right),
    ]
    let rows = node.resources.map { resource in
      TableRow(id: resource.name, cells: [resource.name, resource.capacity, resource.allocatable])
    }
    return [.heading("Resources"), .table(columns, rows)]
  }

  private func gpuBlocks(_ node: DetailNode) -> [DetailBlock] {
    guard !node.gpus.isEmpty else {
      let expected = node.resources.first { $0.name == DetailInstance.gpuResource }?.capacity
      guard let expected, expected != "0" else { return [] }
      return [.heading("GPUs"), .note("no DCGM metrics with Hostname \(model.summary.name) yet", .muted)]
    }
    let group = GPUNodeGroup(node: model.summary.name, gpus: node.gpus)
    let utilisation = group.averageUtilisation.map { " · util \(Int($0.rounded()))%" } ?? ""
    return [.heading("GPUs (\(node.gpus.count))\(utilisation)"), .gpus(node.gpus)]
  }

  private func nodePodBlocks(_ node: DetailNode) -> [DetailBlock] {
    let heading = DetailBlock.heading("Pods (\(node.pods.count))")
    guard !node.pods.isEmpty else { return [heading, .note("no cached pods on this node", .muted)] }
    let columns = [
      TableColumn("NAMESPACE", width: .fit(minimum: 9, maximum: 20)),
      TableColumn("NAME", width: .flex(weight: 1, minimum: 10)),
      TableColumn("STATUS", width: .fit(minimum: 6, maximum: 24)),
      TableColumn("READY", width: .fit(minimum: 5, maximum: 5)),
      TableColumn("RESTARTS", width: .fit(minimum: 8, maximum: 14), alignment: .right),
      TableColumn("GPU", width: .fit(minimum: 3, maximum: 4), alignment: .right),
      TableColumn("AGE", width: .fit(minimum: 3, maximum: 7)),
    ]
    let rows = node.pods.prefix(Self.maxNodePods).map { pod in
      TableRow(
        id: "\(pod.namespace)/\(pod.name)",
        cells: [pod.namespace, pod.name, pod.status, pod.ready, pod.restarts, pod.gpus, pod.age], role: pod.role)
    }
    let more = node.pods.count - rows.count
    return [heading, .table(columns, rows)] + (more > 0 ? [.note("… \(more) more", .muted)] : [])
  }
}
