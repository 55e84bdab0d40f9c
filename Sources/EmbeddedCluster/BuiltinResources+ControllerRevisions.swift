import KubeCore

extension BuiltinResources {
  /// `apps/v1` ControllerRevisions, with the columns of kube-apiserver's printer (no reference
  /// recording; taken from printers.go): Controller `kind.group/name`, Revision (an integer cell
  /// under a `string` column), Age.
  static let controllerRevisions = ResourceInfo(
    group: "apps", version: "v1", plural: "controllerrevisions", singular: "controllerrevision",
    kind: "ControllerRevision", namespaced: true, tracksGeneration: false,
    columns: [
      PrinterColumn(
        name: "Controller", type: "string", description: "Controller of the object",
        source: .computed(controllerName)),
      PrinterColumn(
        name: "Revision", type: "string",
        description: "Revision indicates the revision of the state represented by Data.",
        source: .computed { .int($0["revision"]?.intValue ?? 0) }),
      ageColumn,
    ])

  /// The controlling owner as `kind.group/name` in lower case (`aicluster.ai.aiconsole.dev/demo`,
  /// `deployment.apps/web`), or `<none>`.
  static func controllerName(_ revision: JSONValue) -> JSONValue {
    let owners = revision["metadata"]?["ownerReferences"]?.arrayValue ?? []
    guard let owner = owners.first(where: { $0["controller"]?.boolValue == true }) else { return "<none>" }
    let apiVersion = owner["apiVersion"]?.stringValue ?? ""
    let group = apiVersion.contains("/") ? String(apiVersion.prefix { $0 != "/" }) : ""
    let kind = owner["kind"]?.stringValue ?? ""
    let groupKind = group.isEmpty ? kind : "\(kind).\(group)"
    let name = owner["name"]?.stringValue ?? ""
    return .string(groupKind.isEmpty ? name : "\(groupKind.lowercased())/\(name)")
  }
}
