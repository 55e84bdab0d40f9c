import Foundation
import KubeCore
import Views

/// What `e` opens on an AIModelRoute: a form of its backends and weights (with their sum),
/// rate limits, cache, auth and context schema. It keeps the route it was opened on, whose
/// resourceVersion makes the save conflict when someone changed the route meanwhile; the
/// operator's values survive every refusal, and after a conflict they are carried onto the
/// route as it is now.
struct RouteForm: Sendable {
  var target: ObjectIdentity
  /// The route the form was opened on (or rebased onto).
  var base: JSONValue
  var form: FormState
  /// The values as opened, to tell the operator's edits from the rest.
  var opened: [String: String]
  /// The server's complaints that name no field of the form.
  var generalErrors: [String] = []
  /// After a conflict: what someone else changed since the form was opened.
  var changedMeanwhile: [FieldChange] = []

  static let integerFields = ["requests/min", "tokens/min", "burst", "cache TTL s", "timeout s"]

  init(_ target: ObjectIdentity, route: JSONValue) {
    self.target = target
    base = route
    form = FormState(fields: Self.fields(route["spec"] ?? .emptyObject))
    opened = form.values
  }

  /// How many backend rows the form has (the route's, plus one empty row to add one).
  var backendRows: Int { form.fields.filter { $0.label.hasPrefix("backend ") }.count }

  private static func fields(_ spec: JSONValue) -> [FormField] {
    let backends = spec["backends"]?.arrayValue ?? []
    var fields: [FormField] = []
    for (index, backend) in (backends + [.emptyObject]).enumerated() {
      fields.append(FormField("backend \(index + 1)", value: backend["service"]?.stringValue ?? ""))
      fields.append(integer("weight \(index + 1)", backend["weight"]))
    }
    fields.append(integer("requests/min", spec[path: ["rateLimit", "requestsPerMinute"]]))
    fields.append(integer("tokens/min", spec[path: ["rateLimit", "tokensPerMinute"]]))
    fields.append(integer("burst", spec[path: ["rateLimit", "burst"]]))
    let cached = spec[path: ["cache", "enabled"]]?.boolValue == true
    fields.append(FormField("cache", kind: .choice(["off", "on"]), value: cached ? "on" : "off"))
    fields.append(integer("cache TTL s", spec[path: ["cache", "ttlSeconds"]]))
    let auth = spec[path: ["auth", "type"]]?.stringValue ?? "None"
    fields.append(FormField("auth", kind: .choice(["None", "APIKey"]), value: auth))
    fields.append(FormField("auth secret", value: spec[path: ["auth", "secretRef", "name"]]?.stringValue ?? ""))
    fields.append(FormField("context schema", value: spec[path: ["contextSchemaRef", "name"]]?.stringValue ?? ""))
    fields.append(integer("timeout s", spec["timeoutSeconds"]))
    return fields
  }

  /// A whole-number field; empty means unset, and the server judges the range.
  private static func integer(_ label: String, _ value: JSONValue?) -> FormField {
    FormField(label, value: value?.intValue.map { String($0) } ?? "") { text in
      text.isEmpty || Int64(text) != nil ? nil : "must be a whole number (or empty for none)"
    }
  }

  /// The backends as the form has them: rows with a service, in order, with their row numbers.
  var backends: [(row: Int, service: String, weight: Int64?)] {
    let values = form.values
    return (1...max(1, backendRows)).compactMap { row in
      let service = values["backend \(row)"]?.trimmingCharacters(in: .whitespaces) ?? ""
      guard !service.isEmpty else { return nil }
      return (row, service, values["weight \(row)"].flatMap { Int64($0) })
    }
  }

  /// `weights 80 + 20 = 100 · 80% / 20%`: the sum the gateway splits by.
  var weightSummary: String {
    let weights = backends.map { $0.weight ?? 100 }
    let total = weights.reduce(0, +)
    guard !weights.isEmpty else { return "no backends" }
    let sum = weights.map(String.init).joined(separator: " + ") + " = \(total)"
    guard total > 0 else { return "weights \(sum) · no traffic can be sent" }
    let shares = weights.map { "\(Int((Double($0) * 100 / Double(total)).rounded()))%" }.joined(separator: " / ")
    return "weights \(sum) · \(shares)"
  }

  /// The route with the form's values, keeping the resourceVersion it was opened on.
  var edited: JSONValue {
    var route = base
    route.set(nil, at: ["metadata", "managedFields"])
    let values = form.values
    func integer(_ label: String) -> JSONValue? { values[label].flatMap { Int64($0) }.map(JSONValue.int) }
    var spec = route["spec"] ?? .emptyObject
    spec["backends"] = .array(
      backends.map { backend in
        var entry: JSONValue = ["service": .string(backend.service)]
        if let weight = backend.weight { entry["weight"] = .int(weight) }
        return entry
      })
    var limit: JSONValue = .emptyObject
    for (label, key) in [("requests/min", "requestsPerMinute"), ("tokens/min", "tokensPerMinute"), ("burst", "burst")] {
      if let value = integer(label) { limit[key] = value }
    }
    spec["rateLimit"] = limit.objectValue?.isEmpty == false ? limit : nil
    let cacheOn = values["cache"] == "on"
    if cacheOn || integer("cache TTL s") != nil {
      var cache: JSONValue = ["enabled": .bool(cacheOn)]
      if let ttl = integer("cache TTL s") { cache["ttlSeconds"] = ttl }
      spec["cache"] = cache
    } else {
      spec["cache"] = nil
    }
    let secret = values["auth secret"]?.trimmingCharacters(in: .whitespaces) ?? ""
    if values["auth"] == "APIKey" || !secret.isEmpty {
      var auth: JSONValue = ["type": .string(values["auth"] ?? "None")]
      if !secret.isEmpty { auth["secretRef"] = ["name": .string(secret)] }
      spec["auth"] = auth
    } else {
      spec["auth"] = nil
    }
    let schema = values["context schema"]?.trimmingCharacters(in: .whitespaces) ?? ""
    spec["contextSchemaRef"] = schema.isEmpty ? nil : ["name": .string(schema)]
    spec["timeoutSeconds"] = integer("timeout s")
    route["spec"] = spec
    return route
  }

  /// Puts the server's field errors beside the fields they name (`spec.backends[1].weight` beside
  /// `weight 2`), and the rest at the top; every value stays as typed.
  mutating func showServerErrors(_ errors: [OperationError.FieldMessage], message: String) {
    let rows = backends.map(\.row)
    var byField: [Int: String] = [:]
    generalErrors = []
    for error in errors {
      if let label = Self.label(forField: error.field, backendRows: rows),
        let index = form.fields.firstIndex(where: { $0.label == label })
      {
        byField[index] = byField[index].map { $0 + "; " + error.message } ?? error.message
      } else {
        generalErrors.append(error.description)
      }
    }
    if byField.isEmpty && generalErrors.isEmpty { generalErrors = [message] }
    form.setServerErrors(byField)
  }

  /// The form field a server field path names; `backendRows` maps the index of a backend as sent
  /// to its row in the form (empty rows are not sent).
  static func label(forField path: String, backendRows: [Int]) -> String? {
    let simple: [String: String] = [
      "spec.rateLimit.requestsPerMinute": "requests/min", "spec.rateLimit.tokensPerMinute": "tokens/min",
      "spec.rateLimit.burst": "burst", "spec.rateLimit": "requests/min", "spec.cache.ttlSeconds": "cache TTL s",
      "spec.cache.enabled": "cache", "spec.cache": "cache", "spec.auth.type": "auth", "spec.auth": "auth",
      "spec.auth.secretRef": "auth secret", "spec.auth.secretRef.name": "auth secret",
      "spec.contextSchemaRef": "context schema", "spec.contextSchemaRef.name": "context schema",
      "spec.timeoutSeconds": "timeout s", "spec.backends": "backend 1",
    ]
    if let label = simple[path] { return label }
    guard path.hasPrefix("spec.backends["), let close = path.firstIndex(of: "]"),
      let index = Int(path[path.index(path.startIndex, offsetBy: 14)..<close])
    else { return nil }
    let row = index < backendRows.count ? backendRows[index] : index + 1
    return path[close...].hasPrefix("].weight") ? "weight \(row)" : "backend \(row)"
  }

  /// The form on the route as it is now, after a conflict: what the operator changed is kept,
  /// everything else is taken from `current`, and what changed meanwhile is listed.
  func rebased(onto current: JSONValue) -> RouteForm {
    var fresh = RouteForm(target, route: current)
    let values = form.values
    for (label, value) in values where opened[label] != value {
      fresh.form.setValue(value, of: label)
    }
    fresh.opened = RouteForm(target, route: current).opened
    fresh.changedMeanwhile = FieldChange.meanwhile(from: base, to: current)
    return fresh
  }
}
