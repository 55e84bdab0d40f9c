import KubeCore

/// One event of a watch stream, as the API server frames it: a type and an object.
public struct WatchEvent: Sendable {
  public enum Kind: String, Sendable {
    case added = "ADDED"
    case modified = "MODIFIED"
    case deleted = "DELETED"
    case bookmark = "BOOKMARK"
    case error = "ERROR"
  }

  public var kind: Kind
  /// The object; for `error`, a `Status`; for `bookmark`, only metadata.
  public var object: JSONValue
  /// The object's cells in the Table's columns, for a watch asked for as a Table.
  public var cells: [JSONValue]?
  /// The Table's columns, on the first event of a watch asked for as a Table.
  public var columns: [ServerTable.Column]?

  public init(kind: Kind, object: JSONValue) {
    self.kind = kind
    self.object = object
  }

  /// Decodes one line of a watch stream.
  public init(line: some Collection<UInt8>) throws(KubeError) {
    let value: JSONValue
    do {
      value = try JSONParser.parse(line)
    } catch {
      throw KubeError.decoding("watch event: \(error)")
    }
    guard let type = value["type"]?.stringValue, let kind = Kind(rawValue: type), let object = value["object"] else {
      throw KubeError.decoding("watch event without type and object")
    }
    self.init(kind: kind, object: object)
  }

  /// The object's resourceVersion (a bookmark's too).
  public var resourceVersion: String? { object[path: ["metadata", "resourceVersion"]]?.stringValue }

  /// Whether this bookmark marks the end of the initial events of a `sendInitialEvents` watch.
  public var isInitialEventsEnd: Bool {
    kind == .bookmark
      && object[path: ["metadata", "annotations", "k8s.io/initial-events-end"]]?.stringValue == "true"
  }

  /// The error an `ERROR` event carries, typed (`410 Expired` becomes `.gone`).
  public var error: KubeError? {
    guard kind == .error else { return nil }
    let status =
      StatusError(status: object) ?? StatusError(code: 500, reason: "InternalError", message: "watch error: \(object)")
    return KubeError(status: status)
  }

  /// Turns an event whose object is a one-row Table (a watch asked for as a Table, with
  /// `includeObject=Object`) into the row's object and cells. Bookmarks and errors are sent as
  /// they are; a bookmark the server converted to an empty Table keeps its resourceVersion.
  mutating func unwrapTableRow() throws(KubeError) {
    guard object["kind"]?.stringValue == "Table" else { return }
    let table = try ServerTable(decoding: object)
    if !table.columns.isEmpty { columns = table.columns }
    guard let row = table.rows.first else {
      object = ["metadata": ["resourceVersion": .string(table.resourceVersion)]]
      return
    }
    guard let rowObject = row.object, rowObject["metadata"] != nil else {
      throw KubeError.decoding("a watched Table row without its object (\(row.name))")
    }
    object = rowObject
    cells = row.cells
  }
}
