/// The rows of a table and what the user did to them: filter, sort, selection and scroll.
///
/// Rows are kept in arrival order; `view` holds the indices of the rows shown, filtered and sorted.
/// Updates are incremental (an upsert moves one row), and the selection follows its row's `id`
/// when rows move. Rendering reads only the visible slice of `view`.
public struct TableState<ID: Hashable & Sendable>: Sendable {
  /// Every row, in arrival order.
  public internal(set) var rows: [TableRow<ID>] = []
  /// Indices into `rows` of the rows shown, in display order.
  public internal(set) var view: [Int] = []
  /// The filter text (`!text` inverts it); empty for none.
  public internal(set) var filter = ""
  /// The sorted column, if any.
  public internal(set) var sortColumn: Int?
  /// Whether the sort is ascending.
  public internal(set) var sortAscending = true
  /// The `id` of the selected row.
  public internal(set) var selectedID: ID?
  /// Display position of the selected row, nil when nothing is shown.
  public internal(set) var selectedPosition: Int?
  /// First display position in the viewport (as last scrolled).
  public internal(set) var offset = 0
  var indexByID: [ID: Int] = [:]
  var searchKeys: [String] = []
  var sortKeys: [SortKey] = []

  /// A table holding `rows`.
  public init(rows: [TableRow<ID>] = []) {
    setRows(rows)
  }

  /// Number of rows shown (after the filter).
  public var count: Int { view.count }

  /// The row at a display position.
  public func row(at position: Int) -> TableRow<ID> { rows[view[position]] }

  /// The selected row.
  public var selectedRow: TableRow<ID>? { selectedPosition.map { row(at: $0) } }

  /// Replaces every row, keeping the selection by `id` when it is still there.
  public mutating func setRows(_ newRows: [TableRow<ID>]) {
    rows = newRows
    indexByID = Dictionary(newRows.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { _, last in last })
    searchKeys = newRows.map(TableState.searchKey)
    // The sort keys index the rows: stale ones would sort by (or past the end of) the old rows.
    if let column = sortColumn {
      sortKeys = newRows.map { SortKey($0.cells.indices.contains(column) ? $0.cells[column] : "") }
    } else {
      sortKeys = []
    }
    rebuildView()
  }

  /// Inserts or replaces the row with `row.id`, moving only that row in the view.
  public mutating func upsert(_ row: TableRow<ID>) {
    if let existing = indexByID[row.id], let at = view.firstIndex(of: existing) { view.remove(at: at) }
    let index = store(row)
    if matches(index) { view.insert(index, at: insertionPosition(for: index)) }
    refreshSelection(previousPosition: selectedPosition)
  }

  /// Puts `row` in place of the row with its id, or after the others, with its search and sort
  /// keys; where it now is in `rows`. The view is the caller's to move.
  mutating func store(_ row: TableRow<ID>) -> Int {
    let index: Int
    if let existing = indexByID[row.id] {
      index = existing
      rows[index] = row
      searchKeys[index] = TableState.searchKey(row)
    } else {
      index = rows.count
      rows.append(row)
      indexByID[row.id] = index
      searchKeys.append(TableState.searchKey(row))
    }
    if let column = sortColumn { updateSortKey(at: index, column: column) }
    return index
  }

  /// Removes the row with `id`, if present.
  public mutating func remove(id: ID) {
    guard let index = indexByID.removeValue(forKey: id) else { return }
    rows.remove(at: index)
    searchKeys.remove(at: index)
    if !sortKeys.isEmpty { sortKeys.remove(at: index) }
    for i in index..<rows.count { indexByID[rows[i].id] = i }
    view = view.compactMap { $0 == index ? nil : ($0 > index ? $0 - 1 : $0) }
    refreshSelection(previousPosition: selectedPosition)
  }

  /// Selects the row with `id` (if shown).
  public mutating func select(id: ID) {
    guard let index = indexByID[id], let position = view.firstIndex(of: index) else { return }
    selectedID = id
    selectedPosition = position
  }

  /// Moves the selection by `delta` rows (clamped), scrolling so it stays within `viewport` rows.
  public mutating func moveSelection(by delta: Int, viewport: Int) {
    guard !view.isEmpty else { return }
    let position = min(max(0, (selectedPosition ?? 0) + delta), view.count - 1)
    selectedPosition = position
    selectedID = rows[view[position]].id
    offset = visibleOffset(viewport: viewport)
  }

  /// Moves the selection to the first (`toEnd` false) or last row.
  public mutating func jump(toEnd: Bool, viewport: Int) {
    moveSelection(by: toEnd ? view.count : -view.count, viewport: viewport)
  }

  /// The first display position to show in `viewport` rows so that the selection is visible.
  public func visibleOffset(viewport: Int) -> Int {
    guard viewport > 0, !view.isEmpty else { return 0 }
    var first = min(offset, max(0, view.count - viewport))
    if let selected = selectedPosition {
      if selected < first { first = selected }
      if selected >= first + viewport { first = selected - viewport + 1 }
    }
    return max(0, first)
  }

  /// Keeps the selection on its row, or near its old position when the row left the view.
  mutating func refreshSelection(previousPosition: Int?) {
    guard !view.isEmpty else {
      selectedPosition = nil
      return
    }
    if let id = selectedID, let index = indexByID[id], let position = view.firstIndex(of: index) {
      selectedPosition = position
      return
    }
    let position = min(previousPosition ?? 0, view.count - 1)
    selectedPosition = position
    selectedID = rows[view[position]].id
  }
}
