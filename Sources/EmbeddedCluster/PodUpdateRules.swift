import KubeCore

/// What an update may change in a Pod's spec, as kube-apiserver's ValidatePodUpdate allows it:
/// container and init container images, `activeDeadlineSeconds` (set, or lowered), tolerations
/// (additions only), `terminationGracePeriodSeconds` (to 1 when it was negative) and the removal
/// of scheduling gates. Anything else, `nodeName` included (bind through `pods/binding`), is
/// refused with one FieldValueForbidden cause on `spec`.
enum PodUpdateRules {
  static let forbiddenMessage =
    "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

  /// The errors of updating `old` to `new` (both defaulted).
  static func errors(old: JSONValue, new: JSONValue) -> [FieldError] {
    let oldSpec = old["spec"] ?? .emptyObject
    let newSpec = new["spec"] ?? .emptyObject
    guard oldSpec != newSpec else { return [] }
    if let error = deadlineError(old: oldSpec, new: newSpec) { return [error] }
    var errors: [FieldError] = []
    var comparable = newSpec
    for key in ["containers", "initContainers"] { comparable[key] = withImages(of: oldSpec[key], in: newSpec[key]) }
    comparable["activeDeadlineSeconds"] = oldSpec["activeDeadlineSeconds"]
    if onlyAdds(old: oldSpec["tolerations"], new: newSpec["tolerations"]) {
      comparable["tolerations"] = oldSpec["tolerations"]
    }
    let oldGrace = oldSpec["terminationGracePeriodSeconds"]?.intValue ?? 0
    if oldGrace < 0, newSpec["terminationGracePeriodSeconds"]?.intValue == 1 {
      comparable["terminationGracePeriodSeconds"] = oldSpec["terminationGracePeriodSeconds"]
    }
    if onlyRemoves(old: oldSpec["schedulingGates"], new: newSpec["schedulingGates"]) {
      comparable["schedulingGates"] = oldSpec["schedulingGates"]
    }
    if comparable != oldSpec {
      errors.append(
        FieldError(
          field: "spec", reason: .forbidden, message: forbiddenMessage + "\n" + difference(oldSpec, comparable)))
    }
    return errors
  }

  /// `new`'s containers with `old`'s images, when both have the same number of containers.
  private static func withImages(of old: JSONValue?, in new: JSONValue?) -> JSONValue? {
    guard let oldList = old?.arrayValue, var newList = new?.arrayValue, oldList.count == newList.count else {
      return new
    }
    for index in newList.indices { newList[index]["image"] = oldList[index]["image"] }
    return .array(newList)
  }

  private static func deadlineError(old: JSONValue, new: JSONValue) -> FieldError? {
    guard let before = old["activeDeadlineSeconds"]?.intValue else { return nil }
    let after = new["activeDeadlineSeconds"]?.intValue
    guard let after else {
      return FieldError(
        field: "spec.activeDeadlineSeconds", reason: .invalid,
        message: "Invalid value: \"null\": must not update from a positive integer to nil value")
    }
    guard after > before else { return nil }
    return FieldError(
      field: "spec.activeDeadlineSeconds", reason: .invalid,
      message: "Invalid value: \(after): must be less than or equal to previous value")
  }

  private static func onlyAdds(old: JSONValue?, new: JSONValue?) -> Bool {
    let before = old?.arrayValue ?? []
    let after = new?.arrayValue ?? []
    return before.allSatisfy { after.contains($0) }
  }

  private static func onlyRemoves(old: JSONValue?, new: JSONValue?) -> Bool {
    let before = old?.arrayValue ?? []
    return (new?.arrayValue ?? []).allSatisfy { before.contains($0) }
  }

  /// The changed spec fields, one `-` and one `+` line each, as the real message's diff shows them.
  static func difference(_ old: JSONValue, _ new: JSONValue) -> String {
    let keys = Set((old.objectValue?.keys).map(Array.init) ?? []).union((new.objectValue?.keys).map(Array.init) ?? [])
    return keys.sorted().compactMap { key -> String? in
      guard old[key] != new[key] else { return nil }
      return "- \"\(key)\": \(old[key]?.jsonString ?? "null"),\n+ \"\(key)\": \(new[key]?.jsonString ?? "null"),"
    }.joined(separator: "\n") + "\n"
  }
}
