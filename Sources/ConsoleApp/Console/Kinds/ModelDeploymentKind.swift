import AIResources
import KubeCore
import Views

/// `ModelDeployment`: one model version's image, runtime and weights.
enum ModelDeploymentKind {
  static let descriptor: KindDescriptor = {
    var kind = KindDescriptor(
      ModelDeployment.self,
      columns: [
        TypedColumn("MODEL") { typed, _ in CellText.of(typed.spec?.modelName) },
        TypedColumn("VERSION") { typed, _ in CellText.of(typed.spec?.modelVersion) },
        TypedColumn("RUNTIME") { typed, _ in CellText.of(typed.spec?.runtime?.rawValue) },
        TypedColumn("PHASE") { typed, _ in CellText.of(typed.status?.phase?.rawValue) },
        .reconcile,
      ])
    kind.model = { $0[path: ["spec", "modelName"]]?.stringValue }
    kind.summary = summary
    return kind
  }()

  @Sendable static func summary(_ object: JSONValue) -> [KeyValueList.Item] {
    let (spec, status) = (object["spec"] ?? .emptyObject, object["status"] ?? .emptyObject)
    var list = DetailFieldList()
    list.add("Model", SummaryText.joined(spec, ["modelName"], ["modelVersion"]))
    list.add("Image", DetailFields.text(spec, "image"))
    list.add("Runtime", DetailFields.text(spec, "runtime"))
    list.add("Artifact", DetailFields.text(spec, "artifactURI"))
    list.add("Resources", SummaryText.resources(spec["resources"]))
    if let mode = DetailFields.text(spec, "simulation", "failureMode"), mode != "none" {
      list.add("Simulated failure", mode, role: .statusWarn)
    }
    let phase = DetailFields.text(status, "phase")
    list.add("Phase", phase, role: phase == "Available" ? .statusOK : (phase == "Failed" ? .statusError : .statusWarn))
    return list.items
  }
}
