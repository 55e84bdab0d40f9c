import ClusterClient
import KubeCore

extension ResourceColumns {
  /// `Success`, `Error`, `Requeue`, or `pending` while the spec is ahead of what was reconciled.
  static func reconcileSummary(_ object: JSONValue) -> String {
    if let generation = object[path: ["metadata", "generation"]]?.intValue,
      let observed = object[path: ["status", "observedGeneration"]]?.intValue, observed < generation
    {
      return "pending"
    }
    return text(object[path: ["status", "reconcile", "result"]])
  }

  /// A scalar as text; `-` when absent.
  static func text(_ value: JSONValue?, or fallback: String = "-") -> String {
    switch value {
    case .string(let text)?: return text.isEmpty ? fallback : text
    case .int(let number)?: return String(number)
    case .double(let number)?: return String(number)
    case .bool(let flag)?: return flag ? "true" : "false"
    default: return fallback
    }
  }

  static func fraction(_ ready: JSONValue?, _ desired: JSONValue?) -> String {
    "\(ready?.intValue ?? 0)/\(desired?.intValue.map(String.init) ?? "-")"
  }

  /// A condition's status (`True`, `False`, `Unknown`), or `-` when the object has none of that type.
  static func conditionStatus(_ object: JSONValue, _ type: String) -> String {
    let conditions = object[path: ["status", "conditions"]]?.arrayValue ?? []
    return conditions.first { $0["type"]?.stringValue == type }?["status"]?.stringValue ?? "-"
  }

  /// Ready counts where the kind has them, else its readiness condition.
  static func readiness(_ object: JSONValue) -> String {
    let status = object["status"]
    if let ready = status?["activeInstances"] ?? status?["readyReplicas"] {
      return fraction(ready, object[path: ["spec", "replicas"]] ?? status?["currentReplicas"] ?? status?["replicas"])
    }
    for type in ["Ready", "Available", "Accepted", "Valid"] {
      let value = conditionStatus(object, type)
      if value != "-" { return value }
    }
    return "-"
  }

  /// The model an object serves, by whichever field its kind names it with.
  static func model(_ object: JSONValue) -> String {
    let spec = object["spec"]
    if let name = spec?["modelName"]?.stringValue {
      return name + (spec?["modelVersion"]?.stringValue.map { ":\($0)" } ?? "")
    }
    return text(spec?["model"] ?? spec?[path: ["modelRef", "name"]])
  }
}
