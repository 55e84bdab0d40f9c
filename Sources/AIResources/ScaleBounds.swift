import KubeCore

/// The replica counts an AICluster or InferenceService accepts, as one rule for everything that
/// sets them: the CRD schemas' bounds of `spec.replicas` (0...1000), and for an autoscaled
/// InferenceService its `spec.scaling` range, inside which `spec.replicas` may still not be set
/// (admission forbids it beside `spec.scaling`). The console's scale prompt, `aiconsole scale`
/// and `AIAdmission` all ask this type, so none of them accepts what another refuses.
public struct ScaleBounds: Sendable, Hashable {
  /// The schema's bounds of `spec.replicas` for both kinds.
  public static let schema = 0...1000

  /// The lowest count.
  public var minimum: Int
  /// The highest count.
  public var maximum: Int
  /// Set when `spec.scaling` drives the replicas.
  public var autoscaled: Bool

  /// The bounds of an object whose spec is `spec`.
  public init(spec: JSONValue?) {
    minimum = Self.schema.lowerBound
    maximum = Self.schema.upperBound
    autoscaled = false
    guard let scaling = spec?["scaling"], scaling.objectValue != nil else { return }
    autoscaled = true
    minimum = Int(clamping: scaling["minReplicas"]?.intValue ?? 1)
    maximum = Int(clamping: scaling["maxReplicas"]?.intValue ?? Int64(Self.schema.upperBound))
  }

  /// The bounds of `object`.
  public init(object: JSONValue) { self.init(spec: object["spec"]) }

  /// The range in words: `0..1000`, or `its spec.scaling range 2..8`.
  public var range: String {
    autoscaled ? "its spec.scaling range \(minimum)..\(maximum)" : "\(minimum)..\(maximum)"
  }

  /// Why `target` cannot be scaled to `replicas`, or nil when it can.
  public func refusal(_ replicas: Int, target: String) -> String? {
    guard (minimum...max(minimum, maximum)).contains(replicas) else {
      return "cannot scale \(target) to \(replicas): replicas must be within \(range)"
    }
    guard !autoscaled else {
      return "cannot scale \(target) to \(replicas): it is autoscaled within \(minimum)..\(maximum) (spec.scaling), "
        + "and spec.replicas may not be set with spec.scaling; edit spec.scaling instead"
    }
    return nil
  }

  /// Admission's part of the rule: `spec.replicas` beside `spec.scaling` (the range is the schema's).
  public func admissionErrors(replicas: JSONValue?) -> [FieldError] {
    guard autoscaled, replicas != nil else { return [] }
    return [
      FieldErrors.forbidden(
        "spec.scaling", "may not be set together with spec.replicas (set spec.replicas to null to autoscale)")
    ]
  }
}
