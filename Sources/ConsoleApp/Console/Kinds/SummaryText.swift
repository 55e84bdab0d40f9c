import KubeCore

/// How detail summaries put fields into words.
enum SummaryText {
  /// `cpu 4 · memory 16Gi · gpu 1`, or nil when none is set.
  static func resources(_ value: JSONValue?) -> String? {
    guard let value else { return nil }
    let parts = ["cpu", "memory", "gpu"].compactMap { key in DetailFields.text(value[key]).map { "\(key) \($0)" } }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  /// The scalars at `paths` joined, or nil when none is set.
  static func joined(_ value: JSONValue, _ paths: [String]..., separator: String = " ") -> String? {
    let parts = paths.compactMap { DetailFields.text(value[path: $0]) }
    return parts.isEmpty ? nil : parts.joined(separator: separator)
  }

  /// `Model: llama-3-8b v2` and `Image: …`, for the kinds that run a model version.
  static func modelAndImage(_ spec: JSONValue, into list: inout DetailFieldList) {
    list.add("Model", joined(spec, ["modelName"], ["modelVersion"]))
    list.add("Image", DetailFields.text(spec, "image"))
  }

  /// The `name`s of a list of references, comma-separated, or nil when empty.
  static func names(_ value: JSONValue?) -> String? {
    let names = (value?.arrayValue ?? []).compactMap { DetailFields.text($0["name"]) }
    return names.isEmpty ? nil : names.joined(separator: ", ")
  }
}
