import ClusterClient
import KubeCore

extension ResourceColumns {
  /// The cells between the name and the age.
  func extraCells(_ object: JSONValue, resource: APIResource, context: RowContext) -> [String] {
    let spec = object["spec"]
    let status = object["status"]
    let tokens = RowContext.rate(context.tokensPerSecond(resource, object))
    let gpu = RowContext.percent(context.gpuPercent(resource, object))
    let reconcile = Self.reconcileSummary(object)
    switch layout {
    case .aiCluster:
      return [
        Self.text(spec?["modelName"]), Self.text(spec?["modelVersion"]),
        Self.fraction(status?["activeInstances"], spec?["replicas"]),
        Self.shortRevision(status?["currentRevision"]?.stringValue), tokens, gpu, reconcile,
      ]
    case .inferenceService:
      return [
        Self.text(spec?[path: ["modelRef", "name"]]),
        Self.fraction(status?["readyReplicas"], status?["currentReplicas"] ?? spec?["replicas"]),
        Self.canary(spec?["canary"]), Self.text(status?["modelStatus"]), tokens, gpu, reconcile,
      ]
    case .route:
      return [
        Self.text(spec?["model"]), Self.backends(spec?["backends"]),
        Self.text(spec?[path: ["auth", "type"]], or: "None"),
        Self.limit(spec?["rateLimit"]), spec?[path: ["cache", "enabled"]]?.boolValue == true ? "on" : "off", tokens,
        reconcile,
      ]
    case .modelDeployment:
      return [
        Self.text(spec?["modelName"]), Self.text(spec?["modelVersion"]), Self.text(spec?["runtime"]),
        Self.text(status?["phase"]), reconcile,
      ]
    case .contextSchema:
      return [
        String(spec?["contextFields"]?.arrayValue?.count ?? 0), status?["ready"]?.boolValue == true ? "true" : "false",
        reconcile,
      ]
    case .application:
      let services = status?["services"]?.arrayValue ?? []
      let ready = services.filter { $0["ready"]?.boolValue == true }.count
      return [
        Self.text(status?["health"]), "\(ready)/\(spec?["services"]?.arrayValue?.count ?? services.count)",
        String(spec?["routes"]?.arrayValue?.count ?? 0), reconcile,
      ]
    case .printer(let columns):
      return columns.map { Self.text($0.path.evaluate(object).first) } + [Self.conditionStatus(object, "Ready")]
    case .allKinds:
      return [Self.readiness(object), Self.model(object), reconcile]
    }
  }

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

  /// `ab12cd` from `name-ab12cd`, the hash part of a revision name.
  static func shortRevision(_ name: String?) -> String {
    guard let name, !name.isEmpty else { return "-" }
    return name.split(separator: "-").last.map(String.init) ?? name
  }

  static func canary(_ canary: JSONValue?) -> String {
    guard let canary, let model = canary[path: ["modelRef", "name"]]?.stringValue else { return "-" }
    return "\(model) \(canary["trafficPercent"]?.intValue ?? 0)%"
  }

  static func backends(_ backends: JSONValue?) -> String {
    let list = backends?.arrayValue ?? []
    if list.isEmpty { return "-" }
    return list.map { "\(text($0["service"])) \($0["weight"]?.intValue ?? 1)" }.joined(separator: ", ")
  }

  static func limit(_ limit: JSONValue?) -> String {
    var parts: [String] = []
    if let requests = limit?["requestsPerMinute"]?.intValue { parts.append("\(requests)rpm") }
    if let tokens = limit?["tokensPerMinute"]?.intValue { parts.append("\(tokens)tpm") }
    return parts.isEmpty ? "-" : parts.joined(separator: " ")
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
