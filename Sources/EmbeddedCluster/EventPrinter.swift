import Foundation
import KubeCore

/// The cells of an Event that kube-apiserver's event printer derives from several fields.
struct EventPrinter {
  /// First Seen: `firstTimestamp`, else `eventTime`, as an age.
  var firstSeen: String
  /// Last Seen: the series' last observation, else `lastTimestamp`, else First Seen.
  var lastSeen: String

  /// The time cells of an event at a moment.
  init(event: JSONValue, now: Date) {
    let first = event["firstTimestamp"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
    firstSeen = BuiltinResources.since(first.map(JSONValue.string) ?? event["eventTime"], now: now)
    if let series = event["series"], series != .null {
      lastSeen = BuiltinResources.since(series["lastObservedTime"], now: now)
    } else if let last = event["lastTimestamp"]?.stringValue, !last.isEmpty {
      lastSeen = BuiltinResources.since(.string(last), now: now)
    } else {
      lastSeen = firstSeen
    }
  }

  /// Count: the series' count, else `count`, and 1 for a singleton event that has neither.
  static func count(_ event: JSONValue) -> Int64 {
    if let series = event["series"], series != .null { return series["count"]?.intValue ?? 0 }
    let count = event["count"]?.intValue ?? 0
    return count == 0 ? 1 : count
  }

  /// Object: `kind/name` of the involved object, lower-cased kind (just the kind without a name).
  static func target(_ event: JSONValue) -> String {
    let involved = event["involvedObject"] ?? .emptyObject
    let kind = (involved["kind"]?.stringValue ?? "").lowercased()
    let name = involved["name"]?.stringValue ?? ""
    return name.isEmpty ? kind : "\(kind)/\(name)"
  }

  /// Source: the component (else the reporting controller), then `, host` (else the reporting instance).
  static func source(_ event: JSONValue) -> String {
    let component = firstNonEmpty(event["source"]?["component"], event["reportingComponent"])
    let instance = firstNonEmpty(event["source"]?["host"], event["reportingInstance"])
    return instance.isEmpty ? component : "\(component), \(instance)"
  }

  private static func firstNonEmpty(_ values: JSONValue?...) -> String {
    values.compactMap { $0?.stringValue }.first { !$0.isEmpty } ?? ""
  }
}
