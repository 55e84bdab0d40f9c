import KubeCore

/// The replica counts an object accepts, checked before a scale is sent, with the same bounds
/// the CRD schemas and `AIAdmission` enforce: 0...1000, and for an autoscaled InferenceService
/// its `spec.scaling` range.
struct ScaleBounds: Sendable, Hashable {
  var minimum: Int
  var maximum: Int
  /// Set when `spec.scaling` drives the replicas: the server refuses `spec.replicas` next to it.
  var autoscaled: Bool

  /// The schema's bounds of `spec.replicas` for both kinds.
  static let schema = 0...1000

  /// The bounds of `object`, an AICluster or an InferenceService.
  init(_ kind: OperationKind, object: JSONValue) {
    minimum = Self.schema.lowerBound
    maximum = Self.schema.upperBound
    autoscaled = false
    guard kind == .inferenceService, let scaling = object[path: ["spec", "scaling"]], scaling.objectValue != nil else {
      return
    }
    autoscaled = true
    minimum = Int(scaling["minReplicas"]?.intValue ?? 1)
    maximum = Int(scaling["maxReplicas"]?.intValue ?? Int64(Self.schema.upperBound))
  }

  /// Throws a message naming the bounds when `replicas` is not a count `target` can be scaled to.
  func check(_ replicas: Int, target: String) throws(OperationError) {
    guard (minimum...max(minimum, maximum)).contains(replicas) else {
      let range = autoscaled ? "its spec.scaling range \(minimum)..\(maximum)" : "\(minimum)..\(maximum)"
      throw OperationError(.badInput, "cannot scale \(target) to \(replicas): replicas must be within \(range)")
    }
    guard !autoscaled else {
      throw OperationError(
        .badInput,
        "cannot scale \(target) to \(replicas): it is autoscaled within \(minimum)..\(maximum) (spec.scaling), "
          + "and spec.replicas may not be set with spec.scaling; edit spec.scaling instead")
    }
  }
}
