import Foundation
import KubeCore

/// A Pod's quality-of-service class, as kube-apiserver computes `status.qosClass` on create
/// (qos.GetPodQOS): only `cpu` and `memory` count; no requests or limits anywhere is BestEffort;
/// limits for both on every container, equal to the requests, is Guaranteed; anything else Burstable.
enum PodQOSClass {
  static let computeResources = ["cpu", "memory"]

  /// The class of a (defaulted) Pod.
  static func of(_ pod: JSONValue) -> String {
    let containers =
      (pod["spec"]?["containers"]?.arrayValue ?? []) + (pod["spec"]?["initContainers"]?.arrayValue ?? [])
    var anySet = false
    var guaranteed = true
    for container in containers {
      let requests = container["resources"]?["requests"] ?? .emptyObject
      let limits = container["resources"]?["limits"] ?? .emptyObject
      for resource in computeResources {
        let request = requests[resource].flatMap(Self.value)
        let limit = limits[resource].flatMap(Self.value)
        if (request ?? 0) != 0 || (limit ?? 0) != 0 { anySet = true }
        if limit == nil || limit == 0 || request.map({ $0 != limit }) == true { guaranteed = false }
      }
    }
    if !anySet { return "BestEffort" }
    return guaranteed ? "Guaranteed" : "Burstable"
  }

  private static let suffixes: [(String, Double)] = [
    ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
    ("Pi", 1_125_899_906_842_624), ("Ei", 1_152_921_504_606_846_976), ("n", 1e-9), ("u", 1e-6), ("m", 1e-3),
    ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18),
  ]

  /// A quantity (`500m`, `2Gi`, `1e3`, a number) as a number; nil when it is not one.
  static func value(_ quantity: JSONValue) -> Double? {
    if let number = quantity.doubleValue { return number }
    guard let text = quantity.stringValue?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
    for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
      return Double(text.dropLast(suffix.count)).map { $0 * factor }
    }
    return Double(text)
  }
}
