/// A rectangle of terminal cells; `x`/`y` are the top-left corner, zero-based.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
  /// Left column.
  public var x: Int
  /// Top row.
  public var y: Int
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// Creates a rectangle; negative sizes are clamped to zero.
  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = max(0, width)
    self.height = max(0, height)
  }

  /// A rectangle at the origin with `size`.
  public init(size: Size) {
    self.init(x: 0, y: 0, width: size.width, height: size.height)
  }

  /// One past the last column.
  public var right: Int { x + width }
  /// One past the last row.
  public var bottom: Int { y + height }
  /// Whether the rectangle holds no cell.
  public var isEmpty: Bool { width == 0 || height == 0 }
  /// The size of the rectangle.
  public var size: Size { Size(width: width, height: height) }

  /// The rectangle shrunk by `n` cells on every side.
  public func inset(_ n: Int) -> Rect {
    inset(horizontal: n, vertical: n)
  }

  /// The rectangle shrunk by `horizontal` columns left and right and `vertical` rows top and bottom.
  public func inset(horizontal: Int, vertical: Int) -> Rect {
    Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
  }

  /// The overlap of two rectangles (empty when they do not meet).
  public func intersection(_ other: Rect) -> Rect {
    let left = max(x, other.x)
    let top = max(y, other.y)
    return Rect(x: left, y: top, width: min(right, other.right) - left, height: min(bottom, other.bottom) - top)
  }

  /// The single row `offset` rows below the top.
  public func row(_ offset: Int) -> Rect {
    Rect(x: x, y: y + offset, width: width, height: offset < height ? 1 : 0)
  }

  /// A rectangle of `size` centred in this one (clamped to fit).
  public func centered(width w: Int, height h: Int) -> Rect {
    let cw = min(w, width)
    let ch = min(h, height)
    return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
  }

  /// `x,y WxH`.
  public var description: String { "\(x),\(y) \(width)x\(height)" }
}
