import AIResources
import KubeCore
import Views

/// `AIModelRoute`: how the gateway routes one model's requests to InferenceServices.
enum AIModelRouteKind {
  static let descriptor: KindDescriptor = {
    var kind = KindDescriptor(
      AIModelRoute.self,
      columns: [
        TypedColumn("MODEL") { typed, _ in CellText.of(typed.spec?.model) },
        TypedColumn("BACKENDS") { typed, _ in
          let backends = typed.spec?.backends ?? []
          return backends.isEmpty ? "-" : backends.map { "\($0.service) \($0.weight ?? 1)" }.joined(separator: ", ")
        },
        TypedColumn("AUTH") { typed, _ in CellText.of(typed.spec?.auth?.type?.rawValue, or: "None") },
        TypedColumn("LIMIT") { typed, _ in
          let limit = typed.spec?.rateLimit
          let parts = [limit?.requestsPerMinute.map { "\($0)rpm" }, limit?.tokensPerMinute.map { "\($0)tpm" }]
          return parts.compactMap { $0 }.joined(separator: " ").isEmpty
            ? "-" : parts.compactMap { $0 }.joined(separator: " ")
        },
        TypedColumn("CACHE") { typed, _ in typed.spec?.cache?.enabled == true ? "on" : "off" },
        .tokens, .reconcile,
      ])
    kind.operations = [.edit, .editYAML, .delete]
    kind.instances = [.listed(InferenceService.resource, path: ["spec", "backends"], key: "service")]
    kind.model = { $0[path: ["spec", "model"]]?.stringValue }
    kind.isGatewayRoute = true
    kind.summary = KindDescriptor.fields(summary)
    return kind
  }()

  @Sendable static func summary(_ spec: JSONValue, _ status: JSONValue, into list: inout DetailFieldList) {
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
}
