import KubeCore

/// The defaults and checks the real API server applies to an `apps/v1` Deployment's own fields
/// (not its pod template's), so that a client that builds a bad Deployment is refused here as it
/// would be on a real cluster rather than later, silently, by a missing controller.
enum DeploymentAdmission {
  /// `SetDefaults_Deployment`: one replica, a 25%/25% rolling update, ten old revisions kept and a
  /// ten-minute progress deadline.
  static func applyDefaults(to deployment: inout JSONValue) {
    guard var spec = deployment["spec"], spec.objectValue != nil else { return }
    if spec["replicas"] == nil { spec["replicas"] = 1 }
    var strategy = spec["strategy"] ?? .emptyObject
    if strategy["type"] == nil { strategy["type"] = "RollingUpdate" }
    if strategy["type"] == "RollingUpdate" {
      var rollingUpdate = strategy["rollingUpdate"] ?? .emptyObject
      if rollingUpdate["maxUnavailable"] == nil { rollingUpdate["maxUnavailable"] = "25%" }
      if rollingUpdate["maxSurge"] == nil { rollingUpdate["maxSurge"] = "25%" }
      strategy["rollingUpdate"] = rollingUpdate
    }
    spec["strategy"] = strategy
    if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = 10 }
    if spec["progressDeadlineSeconds"] == nil { spec["progressDeadlineSeconds"] = 600 }
    deployment["spec"] = spec
  }

  /// Every bad field: replicas, selector (required, well formed, non-empty, matching the template's
  /// labels, unchanged since create) and the template's containers.
  static func validate(_ deployment: JSONValue, old: JSONValue?) -> [FieldError] {
    let spec = deployment["spec"] ?? .emptyObject
    var errors: [FieldError] = []
    if let replicas = spec["replicas"]?.intValue, replicas < 0 {
      errors.append(
        FieldError(
          field: "spec.replicas", reason: .invalid,
          message: "Invalid value: \(replicas): must be greater than or equal to 0"))
    }
    errors += selectorErrors(spec)
    if let oldSelector = old?["spec"]?["selector"], spec["selector"] != oldSelector {
      errors.append(
        FieldError(
          field: "spec.selector", reason: .invalid,
          message: "Invalid value: \((spec["selector"] ?? .null).jsonString): field is immutable"))
    }
    if (spec[path: ["template", "spec", "containers"]]?.arrayValue ?? []).isEmpty {
      errors.append(FieldError(field: "spec.template.spec.containers", reason: .required, message: "Required value"))
    }
    return errors
  }

  private static func selectorErrors(_ spec: JSONValue) -> [FieldError] {
    guard let object = spec["selector"] else {
      return [FieldError(field: "spec.selector", reason: .required, message: "Required value")]
    }
    let selector: LabelSelector
    do {
      selector = try LabelSelector(object: object)
    } catch {
      return [FieldError(field: "spec.selector", reason: .invalid, message: "Invalid value: \(error.message)")]
    }
    guard !selector.requirements.isEmpty else {
      return [
        FieldError(
          field: "spec.selector", reason: .invalid,
          message: "Invalid value: \(object.jsonString): empty selector is invalid for deployment")
      ]
    }
    let labelObject = spec[path: ["template", "metadata", "labels"]] ?? .emptyObject
    var labels: [String: String] = [:]
    for (key, value) in labelObject.objectValue ?? [:] { labels[key] = value.stringValue }
    guard selector.matches(labels) else {
      return [
        FieldError(
          field: "spec.template.metadata.labels", reason: .invalid,
          message: "Invalid value: \(labelObject.jsonString): `selector` does not match template `labels`")
      ]
    }
    return []
  }
}
