import Foundation
import KubeCore
import Views

/// A `kubectl describe`-like text of the object: identity, labels and annotations, metadata,
/// spec and status as nested fields, a conditions table and the Events about it (oldest first,
/// as kubectl lists them); a Pod in kubectl's own sections (`DescribePod`). A Secret's values
/// are never shown.
struct DescribeView: Sendable {
  /// The text, one line each.
  var lines: [String]
  /// Whether lines are numbered.
  var lineNumbers: Bool

  /// The column top-level values start at (after `Annotations:  `).
  static let column = 14
  /// The metadata fields kubectl shows under `Metadata:`, in its order.
  static let metadataKeys = [
    "creationTimestamp", "deletionTimestamp", "finalizers", "generation", "ownerReferences", "resourceVersion", "uid",
  ]

  /// Top-level maps whose keys are data, printed as they are.
  static let verbatimKeys: Set<String> = ["data", "stringData", "binaryData"]

  /// The describe text of `context.object`.
  init(context: DetailContext, lineNumbers: Bool = false) {
    lines = Self.lines(context)
    self.lineNumbers = lineNumbers
  }

  /// The lines of the describe text.
  static func lines(_ context: DetailContext) -> [String] {
    if DetailPod.isPod(context.object) { return DescribePod.lines(context) }
    let object = YAMLView.redacted(context.object)
    var writer = DescribeWriter()
    writer.field("Name", [DetailFields.name(object)], column: column)
    if !DetailFields.namespace(object).isEmpty {
      writer.field("Namespace", [DetailFields.namespace(object)], column: column)
    }
    writer.field("Labels", DetailFields.labels(object), column: column)
    writer.field("Annotations", DetailFields.annotations(object), column: column)
    writer.field("API Version", [DetailFields.text(object["apiVersion"]) ?? ""], column: column)
    writer.field("Kind", [DetailFields.kind(object)], column: column)
    let metadata = object["metadata"]?.objectValue ?? [:]
    writer.heading("Metadata")
    writer.members(metadataKeys.compactMap { key in metadata[key].map { (key, $0) } }, indent: 2)
    body(of: object, into: &writer)
    conditions(of: object, now: context.now, into: &writer)
    // The Events are all the relations read here: gathering every kind would copy the cache.
    let events = CoreResources.events.kind
    let relations = DetailRelations(related: [events: context.related(kind: events)], registry: context.registry)
    Self.events(relations.events(of: context.object), now: context.now, into: &writer)
    return writer.lines
  }

  /// Every top-level member besides identity and metadata (`spec`, `status`, a Secret's `data`),
  /// with the conditions left for their own table.
  private static func body(of object: JSONValue, into writer: inout DescribeWriter) {
    for (key, value) in object.objectValue ?? [:] where !["apiVersion", "kind", "metadata"].contains(key) {
      var value = value
      if key == "status" { value["conditions"] = nil }
      guard !DescribeWriter.isEmpty(value) else { continue }
      if let text = DetailFields.text(value) {
        writer.field(DescribeWriter.label(for: key), [text], column: column)
      } else {
        writer.heading(DescribeWriter.label(for: key))
        writer.value(value, indent: 2, verbatim: verbatimKeys.contains(key))
      }
    }
  }

  private static func conditions(of object: JSONValue, now: Date, into writer: inout DescribeWriter) {
    let conditions = DetailCondition.all(of: object, now: now)
    guard !conditions.isEmpty else { return }
    writer.heading("Conditions")
    writer.table(
      ["Type", "Status", "Reason", "Age", "Message"],
      conditions.map { [$0.type, $0.status, $0.reason, $0.age, $0.message] }, indent: 2)
  }

  /// The Events table kubectl describe ends with, oldest first; `Events:  <none>` without any.
  static func events(_ events: [JSONValue], now: Date, into writer: inout DescribeWriter) {
    guard !events.isEmpty else {
      writer.field("Events", ["<none>"], column: 0)
      return
    }
    writer.heading("Events")
    let rows = DetailEvent.newestFirst(events).reversed().map { event in
      [event.type, event.reason, event.age(now: now), event.from, event.message]
    }
    writer.table(["Type", "Reason", "Age", "From", "Message"], rows, indent: 2)
  }

  /// Draws the lines from `scroll`.
  func render(into buffer: inout ScreenBuffer, area: Rect, scroll: DetailScroll, theme: Theme) {
    TextLinesView(lines: lines, lineNumbers: lineNumbers, highlight: .describe)
      .render(into: &buffer, area: area, scroll: scroll, theme: theme)
  }
}
