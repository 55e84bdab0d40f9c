import AIResources
import KubeCore
import Views

/// `ModelContextSchema`: the context fields a route's requests must carry.
enum ModelContextSchemaKind {
  static let descriptor: KindDescriptor = {
    var kind = KindDescriptor(
      ModelContextSchema.self,
      columns: [
        TypedColumn("FIELDS", numeric: true) { typed, _ in String(typed.spec?.contextFields.count ?? 0) },
        TypedColumn("READY") { typed, _ in typed.status?.ready == true ? "true" : "false" },
        .reconcile,
      ])
    kind.summary = KindDescriptor.fields(summary)
    return kind
  }()

  @Sendable static func summary(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    list.add("Description", DetailFields.text(spec, "description"))
    let fields = (spec["contextFields"]?.arrayValue ?? []).map { field in
      let required = field["required"]?.boolValue == true ? ", required" : ""
      return "\(DetailFields.text(field["name"]) ?? "?") (\(DetailFields.text(field["type"]) ?? "string")\(required))"
    }
    list.add("Fields", fields.joined(separator: " · "))
  }
}
