import KubeCore
import Views

/// The few spec (and status) fields worth a glance for each of our AI kinds, in words; for any
/// other kind, its spec's scalar fields flattened to dotted paths.
enum DetailSpecSummary {
  /// How many flattened fields of an unknown kind the summary shows.
  static let genericLimit = 12

  /// The summary fields of `object`.
  static func fields(of object: JSONValue) -> [KeyValueList.Item] {
    let spec = object["spec"] ?? .emptyObject
    let status = object["status"] ?? .emptyObject
    var list = DetailFieldList()
    switch DetailFields.group(object) == DetailFields.aiGroup ? DetailFields.kind(object) : "" {
    case "AICluster": aiCluster(spec, status, into: &list)
    case "InferenceService": inferenceService(spec, status, into: &list)
    case "AIModelRoute": route(spec, into: &list)
    case "ModelDeployment": deployment(spec, status, into: &list)
    case "AIApplication": application(spec, status, into: &list)
    case "ModelContextSchema": schema(spec, into: &list)
    default: generic(spec, into: &list)
    }
    return list.items
  }

  private static func aiCluster(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    list.add("Model", joined(spec, ["modelName"], ["modelVersion"]))
    list.add("Image", DetailFields.text(spec, "image"))
    let desired = DetailFields.text(spec, "replicas") ?? "1"
    list.add("Replicas", "\(desired) desired · \(DetailFields.text(status, "activeInstances") ?? "0") ready")
    list.add("Resources", resources(spec["resourceRequests"]))
    let endpoint = joined(spec, ["endpoint", "type"], ["endpoint", "port"], separator: " :")
    list.add(
      "Endpoint", [endpoint, DetailFields.text(status, "endpointURL")].compactMap { $0 }.joined(separator: " → "))
    list.add("Revision", DetailFields.text(status, "currentRevision"))
    if spec["paused"]?.boolValue == true { list.add("Paused", "yes, rollouts are held", role: .statusWarn) }
  }

  private static func inferenceService(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    list.add("Model", DetailFields.text(spec, "modelRef", "name"))
    let ready =
      "\(DetailFields.text(status, "readyReplicas") ?? "0")/\(DetailFields.text(status, "currentReplicas") ?? "0") ready"
    if let scaling = spec["scaling"] {
      var parts = [
        "\(DetailFields.text(scaling, "minReplicas") ?? "1")–\(DetailFields.text(scaling, "maxReplicas") ?? "?")"
      ]
      if let gpu = DetailFields.text(scaling, "targetGPUUtilization") { parts.append("target GPU \(gpu)%") }
      if let tokens = DetailFields.text(scaling, "targetTokensPerSecond") { parts.append("target \(tokens) tok/s") }
      list.add("Scaling", parts.joined(separator: " · ") + " · \(ready)")
    } else {
      list.add("Replicas", "\(DetailFields.text(spec, "replicas") ?? "1") desired · \(ready)")
    }
    if let canary = spec["canary"] {
      let share = DetailFields.text(canary, "trafficPercent") ?? "0"
      let canaryReady = DetailFields.text(status, "canary", "readyReplicas").map { " · \($0) ready" } ?? ""
      list.add("Canary", "\(DetailFields.text(canary, "modelRef", "name") ?? "?") at \(share)%\(canaryReady)")
    }
    let hardware = spec["hardwareProfile"]
    list.add(
      "Hardware",
      [resources(hardware), hardware.flatMap { DetailFields.text($0["gpuType"]) }].compactMap { $0 }
        .joined(separator: " · "))
    list.add(
      "Endpoint",
      DetailFields.text(status, "endpointURL") ?? DetailFields.text(spec, "endpointConfig", "port").map { ":\($0)" })
    let modelStatus = DetailFields.text(status, "modelStatus")
    list.add(
      "Model status", modelStatus,
      role: modelStatus == "Ready" ? .statusOK : (modelStatus == "Unhealthy" ? .statusError : .statusWarn))
    list.add("Context schema", DetailFields.text(spec, "contextSchemaRef", "name"))
  }

  private static func route(_ spec: JSONValue, into list: inout DetailFieldList) {
    list.add("Model", DetailFields.text(spec, "model"))
    list.add("Path", DetailFields.text(spec, "path"))
    let backends = (spec["backends"]?.arrayValue ?? []).map {
      "\(DetailFields.text($0["service"]) ?? "?") \(DetailFields.text($0["weight"]) ?? "0")"
    }
    list.add("Backends", backends.joined(separator: " · "))
    let auth = DetailFields.text(spec, "auth", "type")
    list.add(
      "Auth",
      auth.map { type in type + (DetailFields.text(spec, "auth", "secretRef", "name").map { " (secret \($0))" } ?? "") }
    )
    if let limit = spec["rateLimit"] {
      let parts = [
        DetailFields.text(limit, "requestsPerMinute").map { "\($0) req/min" },
        DetailFields.text(limit, "tokensPerMinute").map { "\($0) tok/min" },
        DetailFields.text(limit, "burst").map { "burst \($0)" },
      ]
      list.add("Rate limit", parts.compactMap { $0 }.joined(separator: " · "))
    }
    if let cache = spec["cache"] {
      let ttl = DetailFields.text(cache, "ttlSeconds").map { ", ttl \($0)s" } ?? ""
      list.add("Cache", cache["enabled"]?.boolValue == true ? "on\(ttl)" : "off")
    }
    list.add("Timeout", DetailFields.text(spec, "timeoutSeconds").map { "\($0)s" })
    list.add("Context schema", DetailFields.text(spec, "contextSchemaRef", "name"))
  }

  private static func deployment(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    list.add("Model", joined(spec, ["modelName"], ["modelVersion"]))
    list.add("Image", DetailFields.text(spec, "image"))
    list.add("Runtime", DetailFields.text(spec, "runtime"))
    list.add("Artifact", DetailFields.text(spec, "artifactURI"))
    list.add("Resources", resources(spec["resources"]))
    if let mode = DetailFields.text(spec, "simulation", "failureMode"), mode != "none" {
      list.add("Simulated failure", mode, role: .statusWarn)
    }
    let phase = DetailFields.text(status, "phase")
    list.add("Phase", phase, role: phase == "Available" ? .statusOK : (phase == "Failed" ? .statusError : .statusWarn))
  }

  private static func application(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
    list.add("Services", names(spec["services"]))
    list.add("Routes", names(spec["routes"]))
    let health = DetailFields.text(status, "health")
    let roles: [String: ThemeRole] = ["Healthy": .statusOK, "Degraded": .statusWarn, "Unhealthy": .statusError]
    list.add("Health", health, role: health.flatMap { roles[$0] } ?? .statusUnknown)
    let parts = [
      DetailFields.text(spec, "monitoring", "latencyP99Millis").map { "p99 ≤ \($0)ms" },
      DetailFields.text(spec, "monitoring", "errorRatePercent").map { "errors ≤ \($0)%" },
    ]
    list.add("Monitoring", parts.compactMap { $0 }.joined(separator: " · "))
    list.add(
      "Data pipeline", DetailFields.text(spec, "dataPipelineRef", "name") ?? DetailFields.text(spec["dataPipelineRef"]))
  }

  private static func schema(_ spec: JSONValue, into list: inout DetailFieldList) {
    list.add("Description", DetailFields.text(spec, "description"))
    let fields = (spec["contextFields"]?.arrayValue ?? []).map { field in
      let required = field["required"]?.boolValue == true ? ", required" : ""
      return "\(DetailFields.text(field["name"]) ?? "?") (\(DetailFields.text(field["type"]) ?? "string")\(required))"
    }
    list.add("Fields", fields.joined(separator: " · "))
  }

  private static func generic(_ spec: JSONValue, into list: inout DetailFieldList) {
    let flat = DetailFields.flatten(spec)
    for field in flat.prefix(genericLimit) { list.add(field.key, field.value) }
    if flat.count > genericLimit { list.add("…", "\(flat.count - genericLimit) more fields (d: describe)") }
  }

  private static func resources(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    let parts = ["cpu", "memory", "gpu"].compactMap { key in DetailFields.text(value[key]).map { "\(key) \($0)" } }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  private static func joined(_ value: JSONValue, _ paths: [String]..., separator: String = " ") -> String? {
    let parts = paths.compactMap { DetailFields.text(value[path: $0]) }
    return parts.isEmpty ? nil : parts.joined(separator: separator)
  }

  private static func names(_ value: JSONValue?) -> String? {
    let names = (value?.arrayValue ?? []).compactMap { DetailFields.text($0["name"]) }
    return names.isEmpty ? nil : names.joined(separator: ", ")
  }
}
