import ClusterClient
import Foundation
import KubeCore
import Views

/// Events as `kubectl get events` shows them, but with LAST SEEN measured against the console's
/// clock (the server's cell is an age frozen when the row was sent).
enum EventKind {
  static func descriptor(_ resource: APIResource, columns: [ServerTable.Column]) -> KindDescriptor {
    let server = ServerTableKind.shownColumns(columns)
    return KindDescriptor(
      resource: resource, columns: server.map { ServerTableKind.tableColumn($0.column) },
      cells: { object, context in
        let row = context.serverCells(object)
        return server.map { shown in
          shown.column.name == "Last Seen" ? lastSeen(object, now: context.now) : ServerTableKind.cell(row, shown.index)
        }
      })
  }

  /// When the event was last seen: its series' last observation, its last timestamp, or its
  /// event time, as kubectl picks them.
  static func lastSeenDate(_ event: JSONValue) -> Date? {
    let candidates = [
      event[path: ["series", "lastObservedTime"]], event["lastTimestamp"], event["eventTime"],
      event[path: ["metadata", "creationTimestamp"]],
    ]
    return candidates.lazy.compactMap { $0?.stringValue.flatMap(Timestamps.parse) }.first
  }

  static func lastSeen(_ event: JSONValue, now: Date) -> String {
    lastSeenDate(event).map { Timestamps.humanDuration(now.timeIntervalSince($0)) } ?? "<unknown>"
  }
}
