import Foundation
import KubeCore

/// The rules of the kinds that run instances: AICluster, ModelDeployment, InferenceService.
extension AIAdmission {
  /// The longest AICluster name: instances carry it as the value of a label.
  static let maxClusterNameLength = 63

  /// AICluster: the name fits a label value; the model name is not blank.
  static func validateCluster(_ object: JSONValue) -> [FieldError] {
    var errors: [FieldError] = []
    if let name = object[path: ["metadata", "name"]]?.stringValue, name.utf8.count > maxClusterNameLength {
      errors.append(FieldErrors.tooLong("metadata.name", limit: maxClusterNameLength))
    }
    if let model = object[path: ["spec", "modelName"]]?.stringValue, !model.isEmpty,
      model.allSatisfy(\.isWhitespace)
    {
      errors.append(FieldErrors.invalid("spec.modelName", .string(model), "must not be blank"))
    }
    return errors
  }

  /// ModelDeployment: a custom runtime has an image, env names are valid, model and version are immutable.
  static func validateDeployment(_ spec: JSONValue, old: JSONValue?) -> [FieldError] {
    var errors: [FieldError] = []
    if spec["runtime"]?.stringValue == "custom", spec["image"]?.stringValue?.isEmpty ?? true {
      errors.append(FieldErrors.required("spec.image", "runtime custom needs an image"))
    }
    for key in (spec["env"]?.objectValue?.keys).map(Array.init) ?? [] where !isEnvironmentName(key) {
      errors.append(
        FieldErrors.invalid(
          "spec.env[\(key)]", .string(key),
          "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
            + "and must not start with a digit (regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')"))
    }
    if let old {
      for key in ["modelName", "modelVersion"] where old[key] != nil && spec[key] != old[key] {
        errors.append(
          FieldErrors.invalid(
            "spec.\(key)", spec[key] ?? .null, "field is immutable (create a new ModelDeployment for a new version)"))
      }
    }
    return errors
  }

  /// InferenceService: replicas or scaling, sane scaling bounds and targets, a canary of another model
  /// and an analysis that can run.
  static func validateService(_ spec: JSONValue) -> [FieldError] {
    var errors: [FieldError] = []
    errors += ScaleBounds(spec: spec).admissionErrors(replicas: spec["replicas"])
    if let scaling = spec["scaling"], scaling.objectValue != nil {
      errors += validateScaling(scaling)
    }
    if let canary = spec[path: ["canary", "modelRef", "name"]]?.stringValue,
      canary == spec[path: ["modelRef", "name"]]?.stringValue
    {
      errors.append(
        FieldErrors.invalid("spec.canary.modelRef.name", .string(canary), "must differ from spec.modelRef.name"))
    }
    errors += validateAnalysis(spec[path: ["canary", "analysis"]])
    return errors
  }

  private static func validateScaling(_ scaling: JSONValue) -> [FieldError] {
    var errors: [FieldError] = []
    let minimum = scaling["minReplicas"]?.intValue ?? 1
    if let maximum = scaling["maxReplicas"]?.intValue, minimum > maximum {
      errors.append(
        FieldErrors.invalid(
          "spec.scaling.minReplicas", .int(minimum), "must be no more than spec.scaling.maxReplicas (\(maximum))"))
    }
    if scaling["targetGPUUtilization"] == nil, scaling["targetTokensPerSecond"] == nil {
      errors.append(
        FieldErrors.required("spec.scaling", "one of targetGPUUtilization or targetTokensPerSecond must be set"))
    }
    return errors
  }

  private static func isEnvironmentName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
    return name.unicodeScalars.allSatisfy { scalar in
      scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "-._".unicodeScalars.contains(scalar))
    }
  }
}
