import KubeCore

/// `ValidateObjectMeta` as kube-apiserver applies it to every object: the name's syntax for its
/// kind, label keys and values, annotation keys and the annotations' total size.
enum ObjectMetaValidation {
  /// The most bytes all annotations of one object may hold (keys and values).
  static let totalAnnotationBytes = 256 * 1024

  static func errors(_ object: JSONValue, kind: String, group: String) -> [FieldError] {
    let metadata = object["metadata"] ?? .emptyObject
    var errors: [FieldError] = []
    if let name = metadata["name"]?.stringValue {
      errors += nameRule(kind: kind, group: group)(name).map { invalid("metadata.name", name, $0) }
    }
    for (key, value) in metadata["labels"]?.objectValue ?? [:] {
      errors += NameSyntax.qualifiedName(key).map { invalid("metadata.labels", key, $0) }
      if let text = value.stringValue {
        errors += NameSyntax.labelValue(text).map { invalid("metadata.labels", text, $0) }
      }
    }
    let annotations = metadata["annotations"]?.objectValue ?? [:]
    for key in annotations.keys {
      // The rule is a qualified name, except that case does not matter.
      errors += NameSyntax.qualifiedName(key.lowercased()).map { invalid("metadata.annotations", key, $0) }
    }
    let size = annotations.reduce(0) { $0 + $1.key.utf8.count + ($1.value.stringValue?.utf8.count ?? 0) }
    if size > totalAnnotationBytes {
      errors.append(
        FieldError(
          field: "metadata.annotations", reason: .tooLong,
          message: "Too long: may not be more than \(totalAnnotationBytes) bytes"))
    }
    return errors
  }

  /// Namespaces are DNS-1123 labels, Services DNS-1035 labels, everything else DNS-1123 subdomains.
  private static func nameRule(kind: String, group: String) -> (String) -> [String] {
    guard group.isEmpty else { return NameSyntax.dns1123Subdomain }
    switch kind {
    case "Namespace": return NameSyntax.dns1123Label
    case "Service": return NameSyntax.dns1035Label
    default: return NameSyntax.dns1123Subdomain
    }
  }

  /// A `FieldValueInvalid` error with the value quoted as Go's `%q` quotes it.
  static func invalid(_ field: String, _ value: String, _ message: String) -> FieldError {
    FieldError(
      field: field, reason: .invalid, message: "Invalid value: \(JSONValue.string(value).jsonString): \(message)")
  }
}
