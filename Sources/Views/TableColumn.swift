/// How wide a table column is.
public enum ColumnWidth: Hashable, Sendable {
  /// Exactly this many cells.
  case fixed(Int)
  /// A share of the room left by the other columns, at least `minimum` cells.
  case flex(weight: Int, minimum: Int)
  /// As wide as the header and the visible rows need, between `minimum` and `maximum`.
  case fit(minimum: Int, maximum: Int)
}

/// A table column: its header, width policy and alignment.
public struct TableColumn: Hashable, Sendable {
  /// Header text.
  public var title: String
  /// Width policy.
  public var width: ColumnWidth
  /// Alignment of the cells.
  public var alignment: Alignment

  /// Creates a column.
  public init(_ title: String, width: ColumnWidth = .flex(weight: 1, minimum: 4), alignment: Alignment = .left) {
    self.title = title
    self.width = width
    self.alignment = alignment
  }
}

/// One table row: a stable identity, its cell texts, and an optional role colouring it.
public struct TableRow<ID: Hashable & Sendable>: Hashable, Sendable {
  /// Identity that survives updates and reordering (e.g. the object a row shows).
  public var id: ID
  /// One text per column.
  public var cells: [String]
  /// A status role (ok, warn, error...) for the row's text, if any.
  public var role: ThemeRole?

  /// Creates a row.
  public init(id: ID, cells: [String], role: ThemeRole? = nil) {
    self.id = id
    self.cells = cells
    self.role = role
  }
}
