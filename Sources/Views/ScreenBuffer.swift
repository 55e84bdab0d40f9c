/// A frame: a grid of cells that widgets draw into and backends diff and flush.
public struct ScreenBuffer: Hashable, Sendable {
  /// Columns.
  public private(set) var width: Int
  /// Rows.
  public private(set) var height: Int
  /// Row-major cells, `width * height` of them.
  public internal(set) var cells: [Cell]

  /// A blank buffer.
  public init(width: Int, height: Int, fill: Cell = .blank) {
    self.width = max(0, width)
    self.height = max(0, height)
    cells = Array(repeating: fill, count: self.width * self.height)
  }

  /// A blank buffer of `size`.
  public init(size: Size) {
    self.init(width: size.width, height: size.height)
  }

  /// The whole buffer as a rectangle.
  public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  /// The buffer's size.
  public var size: Size { Size(width: width, height: height) }

  /// The cell at a position (a blank outside the buffer).
  public subscript(x x: Int, y y: Int) -> Cell {
    guard x >= 0, y >= 0, x < width, y < height else { return .blank }
    return cells[y * width + x]
  }

  /// Writes one cell, keeping wide characters whole: overwriting either half of a wide character
  /// blanks the other half, and a wide cell that does not fit at the right edge becomes a blank.
  public mutating func set(_ cell: Cell, x: Int, y: Int) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let i = y * width + x
    let oldWidth = cells[i].width
    if oldWidth == 0, x > 0 {
      cells[i - 1] = .blank(cells[i - 1].style)
    } else if oldWidth == 2, x + 1 < width {
      cells[i + 1] = .blank(cells[i + 1].style)
    }
    guard cell.width == 2 else {
      cells[i] = cell
      return
    }
    guard x + 1 < width else {
      cells[i] = .blank(cell.style)
      return
    }
    if cells[i + 1].width == 2, x + 2 < width {
      cells[i + 2] = .blank(cells[i + 2].style)
    }
    cells[i] = cell
    cells[i + 1] = .continuation(cell.style)
  }

  /// Fills `rect` with blanks in `style`.
  public mutating func fill(_ rect: Rect, style: Style = .plain) {
    let r = rect.intersection(area)
    guard !r.isEmpty else { return }
    let blank = Cell.blank(style)
    for row in r.y..<r.bottom {
      let start = row * width
      for col in r.x..<r.right { cells[start + col] = blank }
      if r.x > 0, cells[start + r.x].width == 0 { cells[start + r.x - 1] = .blank(cells[start + r.x - 1].style) }
      if r.right < width, cells[start + r.right].width == 0 { cells[start + r.right] = .blank(style) }
    }
  }

  /// Replaces the style of every cell in `rect`, keeping the symbols.
  public mutating func setStyle(_ style: Style, in rect: Rect) {
    for i in indices(in: rect) { cells[i].style = style }
  }

  /// Lays `style` over every cell in `rect` (see `Style.patched(with:)`).
  public mutating func patchStyle(_ style: Style, in rect: Rect) {
    for i in indices(in: rect) { cells[i].style = cells[i].style.patched(with: style) }
  }

  /// Resizes to `size`, clearing every cell.
  public mutating func reset(to size: Size) {
    width = max(0, size.width)
    height = max(0, size.height)
    cells = Array(repeating: .blank, count: width * height)
  }

  private func indices(in rect: Rect) -> [Int] {
    let r = rect.intersection(area)
    guard !r.isEmpty else { return [] }
    var out: [Int] = []
    out.reserveCapacity(r.width * r.height)
    for row in r.y..<r.bottom {
      for col in r.x..<r.right { out.append(row * width + col) }
    }
    return out
  }
}
