import ClusterClient
import KubeCore

/// Prints a server Table the way `kubectl get` does: upper-case headers, columns of priority 0
/// (all with `wide`), a NAMESPACE column first across namespaces, cells padded by three spaces,
/// empty cells left blank.
struct TablePrinter {
  var wide = false
  var withNamespace = false
  /// Prints the kind before each name (`aicluster.ai.aiconsole.dev/demo`), as for several kinds at once.
  var kindPrefix: String?

  func lines(_ table: ServerTable) -> [String] {
    let shown = table.columns.indices.filter { wide || table.columns[$0].priority == 0 }
    var grid: [[String]] = []
    var header = shown.map { table.columns[$0].name.uppercased() }
    if withNamespace { header.insert("NAMESPACE", at: 0) }
    grid.append(header)
    for row in table.rows {
      var cells = shown.map { index in
        let text = index < row.cells.count ? Self.text(row.cells[index]) : ""
        // kubectl prefixes the column whose format is `name`, wherever it stands (an Event's is last).
        return table.columns[index].format == "name" ? (kindPrefix ?? "") + text : text
      }
      if withNamespace { cells.insert(row.namespace ?? "", at: 0) }
      grid.append(cells)
    }
    return Self.align(grid)
  }

  static func text(_ cell: JSONValue) -> String {
    switch cell {
    case .null: return ""
    case .string(let text): return text
    case .int(let number): return String(number)
    case .double(let number): return number == number.rounded() ? String(Int64(number)) : String(number)
    case .bool(let flag): return String(flag)
    default: return cell.jsonString
    }
  }

  static func align(_ grid: [[String]]) -> [String] {
    guard let columns = grid.map(\.count).max() else { return [] }
    let counts = grid.map { row in row.map(\.count) }
    var widths = [Int](repeating: 0, count: columns)
    for row in counts {
      for (index, count) in row.enumerated() { widths[index] = max(widths[index], count) }
    }
    // Spaces appended in Swift: Foundation's `padding(toLength:)` bridges every cell through
    // NSString, which was a tenth of `get`'s time at 2,000 rows.
    return zip(grid, counts).map { row, rowCounts in
      var line = ""
      for (index, cell) in row.enumerated() {
        line += cell
        if index < row.count - 1 { line += String(repeating: " ", count: widths[index] + 3 - rowCounts[index]) }
      }
      return line
    }
  }
}
