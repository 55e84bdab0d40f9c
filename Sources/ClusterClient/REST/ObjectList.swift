import KubeCore

/// One page of a list: its objects, the resourceVersion to watch from and how to get the next page.
public struct ObjectList: Sendable {
  public var items: [JSONValue]
  public var resourceVersion: String
  /// Present while more pages remain.
  public var continueToken: String?
  /// How many objects the server says follow this page, when it knows.
  public var remainingItemCount: Int?
  /// Each item's cells, in `columns`' order, when the list was asked for as a Table.
  public var cells: [[JSONValue]]?
  /// The Table's columns, when the list was asked for as one.
  public var columns: [ServerTable.Column]?

  public init(items: [JSONValue], resourceVersion: String, continueToken: String? = nil, remainingItemCount: Int? = nil)
  {
    self.items = items
    self.resourceVersion = resourceVersion
    self.continueToken = continueToken
    self.remainingItemCount = remainingItemCount
  }

  /// Reads a `*List` object; throws when it is not one.
  public init(decoding value: JSONValue) throws(KubeError) {
    if value["kind"]?.stringValue == "Table" {
      try self.init(decodingTable: value)
      return
    }
    guard let items = value["items"]?.arrayValue ?? (value["items"]?.isNull == true ? [] : nil) else {
      throw KubeError.decoding("a list without items (kind \(value["kind"]?.stringValue ?? "none"))")
    }
    let metadata = value["metadata"] ?? .emptyObject
    self.init(
      items: items, resourceVersion: metadata["resourceVersion"]?.stringValue ?? "",
      continueToken: metadata["continue"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
      remainingItemCount: metadata["remainingItemCount"]?.intValue.map { Int($0) })
  }

  /// Reads a Table whose rows carry their whole objects (`includeObject=Object`).
  private init(decodingTable value: JSONValue) throws(KubeError) {
    let table = try ServerTable(decoding: value)
    var items: [JSONValue] = []
    var cells: [[JSONValue]] = []
    for row in table.rows {
      guard let object = row.object, object["metadata"] != nil else {
        throw KubeError.decoding("a Table row without its object (\(row.namespace.map { "\($0)/" } ?? "")\(row.name))")
      }
      items.append(object)
      cells.append(row.cells)
    }
    let metadata = value["metadata"] ?? .emptyObject
    self.init(
      items: items, resourceVersion: table.resourceVersion, continueToken: table.continueToken,
      remainingItemCount: metadata["remainingItemCount"]?.intValue.map { Int($0) })
    self.cells = cells
    columns = table.columns
  }
}
