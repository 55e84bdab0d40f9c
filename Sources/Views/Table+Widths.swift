extension Table {
  /// The width of each column in `available` cells; `fit` columns measure only the visible rows.
  func columnWidths<ID>(available: Int, state: TableState<ID>, visible: Range<Int>) -> [Int] {
    let constraints = columns.enumerated().map { i, column -> Constraint in
      switch column.width {
      case .fixed(let n):
        return .fixed(n)
      case .flex(let weight, let minimum):
        return .weight(weight, minimum: minimum)
      case .fit(let minimum, let maximum):
        var widest = DisplayWidth.of(column.title) + 1
        for position in visible {
          let cells = state.row(at: position).cells
          if i < cells.count { widest = max(widest, DisplayWidth.of(cells[i])) }
        }
        return .fixed(min(maximum, max(minimum, widest)))
      }
    }
    let spacing = Table.columnSpacing * max(0, columns.count - 1)
    return Layout.distribute(max(0, available - spacing), constraints)
  }
}
