import Foundation
import KubeCore
import Views

/// One Event about the selected object or an object under it, as `kubectl describe` lists it,
/// with the object it involves named as `kubectl get events` names it.
struct DetailEvent: Hashable, Sendable {
  /// `Normal` or `Warning`.
  var type: String
  /// A CamelCase reason.
  var reason: String
  /// The message.
  var message: String
  /// How many times it happened.
  var count: Int64
  /// Who reported it (`source.component` or `reportingController`).
  var from: String
  /// When it last happened.
  var last: Date?
  /// When it first happened.
  var first: Date?
  /// The object it involves, `Kind/name` (`Pod/chat-7f9c-0`).
  var object: String
  /// The namespace of that object (empty when cluster-scoped).
  var objectNamespace: String

  /// Reads a core/v1 or events.k8s.io/v1 Event.
  init(_ event: JSONValue) {
    type = DetailFields.text(event["type"]) ?? ""
    reason = DetailFields.text(event["reason"]) ?? ""
    message = DetailFields.text(event["message"]) ?? DetailFields.text(event["note"]) ?? ""
    count =
      event["count"]?.intValue ?? event[path: ["series", "count"]]?.intValue ?? event["deprecatedCount"]?.intValue ?? 1
    from =
      DetailFields.text(event, "source", "component") ?? DetailFields.text(event["reportingController"])
      ?? DetailFields.text(event["reportingComponent"]) ?? ""
    // core/v1 names the times lastTimestamp and firstTimestamp; events.k8s.io/v1 keeps them as
    // deprecated*, and a series' last sighting in series.lastObservedTime.
    let date = { (path: [String]) in DetailTime.date(event[path: path]?.stringValue) }
    let lastPaths = [
      ["lastTimestamp"], ["series", "lastObservedTime"], ["deprecatedLastTimestamp"], ["eventTime"],
      ["firstTimestamp"], ["deprecatedFirstTimestamp"], ["metadata", "creationTimestamp"],
    ]
    last = lastPaths.lazy.compactMap(date).first
    first = [["firstTimestamp"], ["deprecatedFirstTimestamp"], ["eventTime"]].lazy.compactMap(date).first ?? last
    let subject = event["involvedObject"] ?? event["regarding"]
    object =
      "\(subject.flatMap { DetailFields.text($0["kind"]) } ?? "")/\(subject.flatMap { DetailFields.text($0["name"]) } ?? "")"
    objectNamespace = subject.flatMap { DetailFields.text($0["namespace"]) } ?? ""
  }

  /// `5m`, or kubectl's `5m (x3 over 20m)` for a repeated event.
  func age(now: Date) -> String {
    let lastAge = last.map { DetailTime.age(of: $0, now: now) } ?? "<unknown>"
    guard count > 1, let first else { return lastAge }
    return "\(lastAge) (x\(count) over \(DetailTime.age(of: first, now: now)))"
  }

  /// The role its row is drawn in: warnings stand out.
  var role: ThemeRole? { type == "Warning" ? .statusWarn : nil }

  /// `events` read and sorted newest first.
  static func newestFirst(_ events: [JSONValue]) -> [DetailEvent] {
    events.map(DetailEvent.init).sorted { ($0.last ?? .distantPast) > ($1.last ?? .distantPast) }
  }

  /// `events` read and sorted for someone looking for what fails: warnings first, then the
  /// others, each newest first.
  static func warningsFirst(_ events: [JSONValue]) -> [DetailEvent] {
    newestFirst(events).enumerated().sorted { first, second in
      let (a, b) = (first.element.type == "Warning", second.element.type == "Warning")
      return a != b ? a : first.offset < second.offset
    }.map(\.element)
  }
}
