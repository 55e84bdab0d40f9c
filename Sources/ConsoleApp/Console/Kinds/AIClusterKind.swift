import AIResources
import KubeCore
import Views

/// `AICluster`: a pool of identical model instances, with the scale subresource.
enum AIClusterKind {
  /// The label naming the AICluster a Pod belongs to.
  static let podLabel = "ai.aiconsole.dev/cluster"

  static let descriptor: KindDescriptor = {
    var kind = KindDescriptor(
      AICluster.self,
      columns: [
        TypedColumn("MODEL") { typed, _ in CellText.of(typed.spec?.modelName) },
        TypedColumn("VERSION") { typed, _ in CellText.of(typed.spec?.modelVersion) },
        TypedColumn("READY", numeric: true) { typed, _ in
          CellText.fraction(typed.status?.activeInstances, typed.spec?.replicas)
        },
        TypedColumn("REVISION") { typed, _ in CellText.shortRevision(typed.status?.currentRevision) },
        .tokens, .gpu, .reconcile,
      ])
    kind.operations = [.scale, .pause, .rollback, .delete]
    kind.instances = [.pods(label: podLabel)]
    kind.children = [.pods(label: podLabel)]
    kind.model = { $0[path: ["spec", "modelName"]]?.stringValue }
    kind.summary = summary
    return kind
  }()

  @Sendable static func summary(_ object: JSONValue) -> [KeyValueList.Item] {
    let (spec, status) = (object["spec"] ?? .emptyObject, object["status"] ?? .emptyObject)
    var list = DetailFieldList()
    list.add("Model", SummaryText.joined(spec, ["modelName"], ["modelVersion"]))
    list.add("Image", DetailFields.text(spec, "image"))
    let desired = DetailFields.text(spec, "replicas") ?? "1"
    list.add("Replicas", "\(desired) desired · \(DetailFields.text(status, "activeInstances") ?? "0") ready")
    list.add("Resources", SummaryText.resources(spec["resourceRequests"]))
    let endpoint = SummaryText.joined(spec, ["endpoint", "type"], ["endpoint", "port"], separator: " :")
    list.add(
      "Endpoint", [endpoint, DetailFields.text(status, "endpointURL")].compactMap { $0 }.joined(separator: " → "))
    list.add("Revision", DetailFields.text(status, "currentRevision"))
    if spec["paused"]?.boolValue == true { list.add("Paused", "yes, rollouts are held", role: .statusWarn) }
    return list.items
  }
}
