import KubeCore

/// The query parameters of a list or watch, refused as kube-apiserver refuses them: integers that
/// do not parse (400 with Go's strconv message, as its parameter decoding answers), a
/// resourceVersion that is not an unsigned integer, and resourceVersionMatch values or
/// combinations that `ValidateListOptions` forbids (422 on `ListOptions.meta.k8s.io`).
enum ListOptionsValidation {
  static func check(_ request: APIRequest, verb: String) throws(StatusError) {
    for name in ["limit", "timeoutSeconds"] {
      if let text = request.parameter(name) { try parseInt(text) }
    }
    if let text = request.parameter("resourceVersion"), UInt64(text) == nil {
      let reason = text.allSatisfy(\.isNumber) ? "value out of range" : "invalid syntax"
      throw StatusError.badRequest(
        "resourceVersion: Invalid value: \(JSONValue.string(text).jsonString): strconv.ParseUint: parsing \(JSONValue.string(text).jsonString): \(reason)"
      )
    }
    let errors = verb == "watch" ? watchErrors(request) : listErrors(request)
    guard errors.isEmpty else {
      throw StatusError.invalid(kind: "ListOptions", group: "meta.k8s.io", name: "", errors: errors)
    }
  }

  /// Go's `strconv.ParseInt(text, 10, 64)`, which the parameter codec uses for int64 fields.
  static func parseInt(_ text: String) throws(StatusError) {
    guard Int64(text) == nil else { return }
    var digits = Substring(text)
    if let sign = digits.first, sign == "+" || sign == "-" { digits = digits.dropFirst() }
    let outOfRange = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
    throw StatusError.badRequest(
      "strconv.ParseInt: parsing \(JSONValue.string(text).jsonString): \(outOfRange ? "value out of range" : "invalid syntax")"
    )
  }

  private static func listErrors(_ request: APIRequest) -> [FieldError] {
    guard let match = request.parameter("resourceVersionMatch") else { return [] }
    var errors: [FieldError] = []
    let version = request.parameter("resourceVersion")
    if version == nil {
      errors.append(forbidden("resourceVersionMatch is forbidden unless resourceVersion is provided"))
    }
    if request.parameter("continue") != nil {
      errors.append(forbidden("resourceVersionMatch is forbidden when continue is provided"))
    }
    if match != "Exact", match != "NotOlderThan" {
      errors.append(CRDValidation.notSupported("resourceVersionMatch", match, ["Exact", "NotOlderThan", ""]))
    }
    if match == "Exact", version == "0" {
      errors.append(forbidden("resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""))
    }
    return errors
  }

  private static func watchErrors(_ request: APIRequest) -> [FieldError] {
    guard let match = request.parameter("resourceVersionMatch"), match != "NotOlderThan" else { return [] }
    return [CRDValidation.notSupported("resourceVersionMatch", match, ["NotOlderThan"])]
  }

  private static func forbidden(_ detail: String) -> FieldError {
    FieldError(field: "resourceVersionMatch", reason: .forbidden, message: "Forbidden: \(detail)")
  }
}
