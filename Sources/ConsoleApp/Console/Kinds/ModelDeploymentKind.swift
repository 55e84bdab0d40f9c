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
    kind.model = KindDescriptor.specModelName
    kind.summary = KindDescriptor.fields(summary)
    return kind
  }()

  @Sendable static func summary(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    SummaryText.modelAndImage(spec, into: &list)
    list.add("Runtime", DetailFields.text(spec, "runtime"))
    list.add("Artifact", DetailFields.text(spec, "artifactURI"))
    list.add("Resources", SummaryText.resources(spec["resources"]))
    if let mode = DetailFields.text(spec, "simulation", "failureMode"), mode != "none" {
      list.add("Simulated failure", mode, role: .statusWarn)
    }
    let phase = DetailFields.text(status, "phase")
    list.add("Phase", phase, role: phase == "Available" ? .statusOK : (phase == "Failed" ? .statusError : .statusWarn))
  }
}
