import Foundation
import KubeCore

/// The rules of the kinds the gateway reads: AIModelRoute, ModelContextSchema, AIApplication.
extension AIAdmission {
  /// AIModelRoute: backends present, unique and weighted above 0; a Secret exactly when auth is APIKey.
  static func validateRoute(_ spec: JSONValue) -> [FieldError] {
    let backends = spec["backends"]?.arrayValue ?? []
    var errors: [FieldError] = []
    if backends.isEmpty {
      errors.append(FieldErrors.required("spec.backends", "a route needs at least one backend"))
    } else {
      let total = backends.map { $0["weight"]?.intValue ?? 100 }.reduce(0, +)
      if total <= 0 {
        errors.append(FieldErrors.invalid("spec.backends", .int(total), "the weights must add up to more than 0"))
      }
    }
    errors += FieldErrors.duplicates(in: spec["backends"], key: "service", field: "spec.backends")
    let isAPIKey = spec[path: ["auth", "type"]]?.stringValue == "APIKey"
    let secret = spec[path: ["auth", "secretRef", "name"]]?.stringValue ?? ""
    if isAPIKey, secret.isEmpty {
      errors.append(FieldErrors.required("spec.auth.secretRef", "auth type APIKey needs the Secret holding the keys"))
    } else if !isAPIKey, spec[path: ["auth", "secretRef"]] != nil {
      errors.append(FieldErrors.forbidden("spec.auth.secretRef", "may only be set when spec.auth.type is APIKey"))
    }
    return errors
  }

  /// ModelContextSchema: unique field names; regexes compile and sit on string fields only.
  static func validateContextSchema(_ spec: JSONValue) -> [FieldError] {
    var errors = FieldErrors.duplicates(in: spec["contextFields"], key: "name", field: "spec.contextFields")
    for (index, field) in (spec["contextFields"]?.arrayValue ?? []).enumerated() {
      guard let pattern = field["validationRegex"]?.stringValue else { continue }
      let path = "spec.contextFields[\(index)].validationRegex"
      let type = field["type"]?.stringValue ?? ""
      if type != "string", type != "array<string>" {
        errors.append(FieldErrors.forbidden(path, "only string and array<string> fields take a validationRegex"))
      } else if (try? NSRegularExpression(pattern: pattern)) == nil {
        errors.append(FieldErrors.invalid(path, .string(pattern), "must be a valid regular expression"))
      }
    }
    return errors
  }

  /// AIApplication: service and route names are unique; the objectives can be measured.
  static func validateApplication(_ spec: JSONValue) -> [FieldError] {
    FieldErrors.duplicates(in: spec["services"], key: "name", field: "spec.services")
      + FieldErrors.duplicates(in: spec["routes"], key: "name", field: "spec.routes")
      + validateMonitoring(spec["monitoring"])
  }
}
