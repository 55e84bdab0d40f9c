import KubeCore

/// The AI kinds' admission rules beyond what an OpenAPI schema can say (the seed's mutating and
/// validating webhooks), as pure functions over objects. The embedded server runs them after
/// schema pruning and defaulting; the controller runs them before acting on an object, so that
/// objects that reached a real cluster without a webhook are refused the same way.
public enum AIAdmission {
  /// The kinds these rules know.
  public static var kinds: Set<String> { Set(AICustomResourceDefinitions.all.map(\.kind)) }

  /// Applies the defaults the schema cannot express: an InferenceService with neither `replicas`
  /// nor `scaling` gets `replicas: 1`, and CPU and memory quantities written as numbers become
  /// strings (as the real API server serializes `resource.Quantity`).
  public static func applyDefaults(kind: String, to object: inout JSONValue) {
    switch kind {
    case "AICluster":
      normalizeQuantities(in: &object, at: ["spec", "resourceRequests"])
    case "ModelDeployment":
      normalizeQuantities(in: &object, at: ["spec", "resources"])
    case "InferenceService":
      normalizeQuantities(in: &object, at: ["spec", "hardwareProfile"])
      if object["spec"]?.objectValue != nil, object[path: ["spec", "replicas"]] == nil,
        object[path: ["spec", "scaling"]] == nil
      {
        object.set(1, at: ["spec", "replicas"])
      }
    default:
      break
    }
  }

  /// Every rule the object breaks, each naming its field; `old` is the stored object on update.
  public static func validate(kind: String, object: JSONValue, old: JSONValue?) -> [FieldError] {
    let spec = object["spec"] ?? .emptyObject
    switch kind {
    case "AICluster": return validateCluster(object)
    case "ModelDeployment": return validateDeployment(spec, old: old?["spec"])
    case "InferenceService": return validateService(spec)
    case "AIModelRoute": return validateRoute(spec)
    case "ModelContextSchema": return validateContextSchema(spec)
    case "AIApplication": return validateApplication(spec)
    default: return []
    }
  }

  /// Validates a typed object: encodes it and runs ``validate(kind:object:old:)``.
  public static func validate<Object: AIObject>(_ object: Object, old: Object? = nil) -> [FieldError] {
    guard let value = try? JSONValue(encoding: object) else { return [] }
    return validate(kind: Object.definition.kind, object: value, old: old.flatMap { try? JSONValue(encoding: $0) })
  }

  private static func normalizeQuantities(in object: inout JSONValue, at path: [String]) {
    for key in ["cpu", "memory"] {
      switch object[path: path + [key]] {
      case .int(let number)?: object.set(.string(String(number)), at: path + [key])
      case .double(let number)?: object.set(.string(quantityText(number)), at: path + [key])
      default: continue
      }
    }
  }

  private static func quantityText(_ number: Double) -> String {
    number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
  }
}
