import KubeCore

/// The `scale` subresource of a resource: an `autoscaling/v1` Scale read from and written to the
/// replicas paths its CRD declares (or, for a built-in such as Deployment, the paths it has).
struct ScaleSubresource {
  let info: ResourceInfo
  let paths: ResourceInfo.ScalePaths

  init(info: ResourceInfo) throws(StatusError) {
    guard let paths = info.scale else {
      throw StatusError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
    }
    self.info = info
    self.paths = paths
  }

  private static func path(_ text: String) -> [String] {
    text.split(separator: ".").map(String.init)
  }

  /// The Scale of an object.
  func scale(of object: JSONValue) throws(StatusError) -> JSONValue {
    let metadata = object["metadata"] ?? .emptyObject
    var status: JSONValue = ["replicas": object[path: Self.path(paths.statusReplicasPath)] ?? 0]
    if let selector = selector(of: object) { status["selector"] = selector }
    return [
      "kind": "Scale", "apiVersion": "autoscaling/v1",
      "metadata": [
        "name": metadata["name"] ?? "", "namespace": metadata["namespace"] ?? "", "uid": metadata["uid"] ?? "",
        "resourceVersion": metadata["resourceVersion"] ?? "",
        "creationTimestamp": metadata["creationTimestamp"] ?? .null,
      ],
      "spec": ["replicas": object[path: Self.path(paths.specReplicasPath)] ?? 0],
      "status": status,
    ]
  }

  /// The Scale's `status.selector`: the string a CRD points at, or a selector object rendered as text.
  private func selector(of object: JSONValue) -> JSONValue? {
    switch paths.selector {
    case nil: return nil
    case .text(let path): return object[path: Self.path(path)]
    case .object(let path):
      // Admission refuses a malformed selector, so a stored one always renders.
      guard let value = object[path: Self.path(path)], let selector = try? LabelSelector(object: value) else {
        return nil
      }
      return .string(selector.text)
    }
  }

  /// The object with the Scale's `spec.replicas` written to the spec replicas path; a stale
  /// Scale resourceVersion is a Conflict and a negative count is Invalid.
  func apply(_ scale: JSONValue, to current: StoredObject) throws(StatusError) -> JSONValue {
    if let expected = scale["metadata"]?["resourceVersion"]?.stringValue, !expected.isEmpty,
      expected != String(current.revision)
    {
      throw StatusError.conflict(info.groupResource, name: current.key.name)
    }
    guard let replicas = scale["spec"]?["replicas"]?.intValue else {
      throw StatusError.invalid(
        kind: "Scale", group: "autoscaling", name: current.key.name,
        errors: [FieldError(field: "spec.replicas", reason: .required, message: "Required value")])
    }
    guard replicas >= 0 else {
      throw StatusError.invalid(
        kind: info.kind, group: info.group, name: current.key.name,
        errors: [
          FieldError(
            field: paths.specReplicasPath, reason: .invalid,
            message: "Invalid value: \(replicas): should be a non-negative integer")
        ])
    }
    var object = current.value
    object.set(.int(replicas), at: Self.path(paths.specReplicasPath))
    return object
  }
}
