import KubeCore

/// The rules of what the controller judges: an application's objectives and a canary's analysis.
extension AIAdmission {
  /// The shortest and longest SLO window: an hour holds the 1h page window; 90 days is a quarter.
  static let sloWindowSeconds: ClosedRange<Int64> = 3_600...(90 * 86_400)
  /// The shortest and longest analysis step.
  static let stepSeconds: ClosedRange<Int64> = 1...86_400

  /// `spec.monitoring`: a window the controller can count a budget over, and an error objective
  /// that leaves a budget to burn.
  static func validateMonitoring(_ monitoring: JSONValue?) -> [FieldError] {
    guard let monitoring, monitoring.objectValue != nil else { return [] }
    var errors: [FieldError] = []
    if let window = monitoring["window"] {
      errors += duration(window, field: "spec.monitoring.window", within: sloWindowSeconds, "1h", "90d")
    }
    if let percent = monitoring["errorRatePercent"]?.doubleValue, percent <= 0 {
      errors.append(
        FieldErrors.invalid(
          "spec.monitoring.errorRatePercent", monitoring["errorRatePercent"] ?? .null,
          "must be greater than 0: an objective of no errors leaves no error budget to measure"))
    }
    return errors
  }

  /// `spec.canary.analysis`: steps that rise, durations in range, sane limits, at least one.
  static func validateAnalysis(_ analysis: JSONValue?) -> [FieldError] {
    guard let analysis, analysis.objectValue != nil else { return [] }
    let base = "spec.canary.analysis"
    let steps = analysis["steps"]?.arrayValue ?? []
    var errors: [FieldError] = []
    if steps.isEmpty { errors.append(FieldErrors.required("\(base).steps", "at least one traffic step")) }
    var previous: Int64?
    for (index, step) in steps.enumerated() {
      let field = "\(base).steps[\(index)]"
      if let percent = step["trafficPercent"]?.intValue {
        if let previous, percent <= previous {
          errors.append(
            FieldErrors.invalid(
              "\(field).trafficPercent", .int(percent),
              "must be greater than the previous step's trafficPercent (\(previous))"))
        }
        previous = percent
      }
      if let duration = step["duration"] {
        errors += self.duration(duration, field: "\(field).duration", within: stepSeconds, "1s", "24h")
      }
    }
    errors += validateThresholds(analysis["thresholds"], field: "\(base).thresholds")
    return errors
  }

  private static func validateThresholds(_ thresholds: JSONValue?, field: String) -> [FieldError] {
    let names = ["maxErrorRate", "maxLatencyP99", "maxTimeToFirstToken"]
    let set = names.filter { thresholds?[$0]?.objectValue != nil }
    guard !set.isEmpty else {
      return [FieldErrors.required(field, "at least one of \(names.joined(separator: ", ")) must be set")]
    }
    var errors: [FieldError] = []
    for name in set {
      guard let value = thresholds?[name]?["value"], let number = value.doubleValue else { continue }
      let path = "\(field).\(name).value"
      if number <= 0 {
        errors.append(FieldErrors.invalid(path, value, "must be greater than 0"))
      } else if name == "maxErrorRate", thresholds?[name]?["mode"]?.stringValue == "Absolute", number > 100 {
        errors.append(FieldErrors.invalid(path, value, "must be no more than 100 (percent)"))
      }
    }
    return errors
  }

  private static func duration(
    _ value: JSONValue, field: String, within range: ClosedRange<Int64>, _ low: String, _ high: String
  ) -> [FieldError] {
    guard let text = value.stringValue, let seconds = DurationText.seconds(text) else {
      return [
        FieldErrors.invalid(
          field, value, "must be a duration of whole numbers with units s, m, h or d, such as 90s, 5m, 1h30m or 30d")
      ]
    }
    guard range.contains(seconds) else {
      return [FieldErrors.invalid(field, value, "must be between \(low) and \(high)")]
    }
    return []
  }
}
