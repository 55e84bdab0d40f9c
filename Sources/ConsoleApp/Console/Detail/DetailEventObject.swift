import Foundation
import KubeCore
import Views

/// The detail of an Event itself (core/v1 or events.k8s.io/v1): the object it involves, its
/// type, reason and message, how often and when it happened, and who reported it.
enum DetailEventObject {
  /// Whether `object` is an Event of either API.
  static func isEvent(_ object: JSONValue) -> Bool {
    DetailFields.kind(object) == CoreResources.events.kind
      && ["", "events.k8s.io"].contains(DetailFields.group(object))
  }

  /// The summary lines of `event` at `now`.
  static func fields(_ event: JSONValue, now: Date) -> [KeyValueList.Item] {
    let read = DetailEvent(event)
    var list = DetailFieldList()
    let subject = event["involvedObject"] ?? event["regarding"]
    let namespace = read.objectNamespace.isEmpty ? "" : "\(read.objectNamespace)/"
    let kind = read.object.prefix { $0 != "/" }
    let name = read.object.dropFirst(kind.count + 1)
    list.add("Involved object", "\(kind) \(namespace)\(name)")
    list.add("Field", subject.flatMap { DetailFields.text($0["fieldPath"]) })
    list.add("Type", read.type, role: read.role)
    list.add("Reason", read.reason, role: read.role)
    list.add("Message", read.message)
    list.add("Count", String(read.count))
    list.add("First seen", read.first.map { seen($0, now: now) })
    list.add("Last seen", read.last.map { seen($0, now: now) })
    list.add("Source", source(event))
    list.add("Reporter", reporter(event))
    list.add("Action", DetailFields.text(event["action"]))
    return list.items
  }

  /// `5m ago (2027-01-15T07:55:00Z)`.
  private static func seen(_ date: Date, now: Date) -> String {
    "\(DetailTime.age(of: date, now: now)) ago (\(Timestamps.format(date)))"
  }

  /// `source.component` and `source.host` of a core/v1 Event (`kubelet, gpu-node-1`), as
  /// kubectl describe's `From` column writes them.
  private static func source(_ event: JSONValue) -> String? {
    let parts = [DetailFields.text(event, "source", "component"), DetailFields.text(event, "source", "host")]
      .compactMap { $0 }.filter { !$0.isEmpty }
    return parts.isEmpty ? nil : parts.joined(separator: ", ")
  }

  /// `reportingController` (events.k8s.io's `reportingController`, core's
  /// `reportingComponent`) and its instance.
  private static func reporter(_ event: JSONValue) -> String? {
    let controller = DetailFields.text(event["reportingController"]) ?? DetailFields.text(event["reportingComponent"])
    guard let controller, !controller.isEmpty else { return nil }
    let instance = DetailFields.text(event["reportingInstance"]).flatMap { $0.isEmpty ? nil : $0 }
    return controller + (instance.map { " (\($0))" } ?? "")
  }
}
