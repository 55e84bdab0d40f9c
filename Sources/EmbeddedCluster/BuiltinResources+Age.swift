import Foundation
import KubeCore

extension BuiltinResources {
  /// ObjectMeta's `creationTimestamp` documentation, which kube-apiserver gives every Age column.
  static let creationTimestampDescription =
    "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"

  /// The Age column of the built-in kinds: a `string` column whose cell is the time since creation.
  static let ageColumn = PrinterColumn(
    name: "Age", type: "string", description: creationTimestampDescription,
    source: .printed { object, now in .string(since(object["metadata"]?["creationTimestamp"], now: now)) })

  /// The time since a timestamp as kube's printers write it (`5m`, `3h10m`), `<unknown>` without one.
  static func since(_ timestamp: JSONValue?, now: Date) -> String {
    guard let text = timestamp?.stringValue, let date = Timestamps.parse(text) else { return "<unknown>" }
    return Timestamps.humanDuration(now.timeIntervalSince(date))
  }
}
