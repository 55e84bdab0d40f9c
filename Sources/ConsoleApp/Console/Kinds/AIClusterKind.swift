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
    kind.model = KindDescriptor.specModelName
    kind.summary = KindDescriptor.fields(summary)
    return kind
  }()

  @Sendable static func summary(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    SummaryText.modelAndImage(spec, into: &list)
    let desired = DetailFields.text(spec, "replicas") ?? "1"
    list.add("Replicas", "\(desired) desired · \(DetailFields.text(status, "activeInstances") ?? "0") ready")
    list.add("Resources", SummaryText.resources(spec["resourceRequests"]))
    let endpoint = SummaryText.joined(spec, ["endpoint", "type"], ["endpoint", "port"], separator: " :")
    list.add(
      "Endpoint", [endpoint, DetailFields.text(status, "endpointURL")].compactMap { $0 }.joined(separator: " → "))
    list.add("Revision", DetailFields.text(status, "currentRevision"))
    if spec["paused"]?.boolValue == true { list.add("Paused", "yes, rollouts are held", role: .statusWarn) }
  }
}
