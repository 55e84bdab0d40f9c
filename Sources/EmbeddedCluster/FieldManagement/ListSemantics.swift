/// How a list is merged and owned, as structured-merge-diff reads it from the schema: as one
/// atomic value (the default for custom resources), as a map of elements by their keys, or as a
/// set of scalars. The keyed and set lists of the built-in kinds that clients write (a Pod's
/// containers by name, a Service's ports by port and protocol, conditions by type) are listed
/// here by field name, as their OpenAPI `x-kubernetes-list-map-keys` give them.
enum ListSemantics: Hashable, Sendable {
  case atomic
  case map(keys: [String])
  case set

  /// The keys of lists named `field` in built-in objects (the parent's field name disambiguates
  /// `ports`, which a Service keys by port and a container by container port).
  static func of(field: String, parent: String?, builtin: Bool) -> ListSemantics {
    switch field {
    case "finalizers": return .set
    case "ownerReferences": return .map(keys: ["uid"])
    case "conditions": return builtin ? .map(keys: ["type"]) : .atomic
    default: break
    }
    guard builtin else { return .atomic }
    switch (field, parent) {
    case ("containers", _), ("initContainers", _), ("ephemeralContainers", _), ("env", _), ("volumes", _),
      ("imagePullSecrets", _), ("volumeDevices", _):
      return .map(keys: ["name"])
    case ("volumeMounts", _): return .map(keys: ["mountPath"])
    case ("ports", "spec"): return .map(keys: ["port", "protocol"])
    case ("ports", _): return .map(keys: ["containerPort", "protocol"])
    case ("hostAliases", _): return .map(keys: ["ip"])
    case ("topologySpreadConstraints", _): return .map(keys: ["topologyKey", "whenUnsatisfiable"])
    default: return .atomic
    }
  }
}
