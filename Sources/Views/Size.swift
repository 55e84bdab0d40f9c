/// A width and height in terminal cells.
public struct Size: Hashable, Sendable, CustomStringConvertible {
  /// Columns.
  public var width: Int
  /// Rows.
  public var height: Int

  /// Creates a size.
  public init(width: Int, height: Int) {
    self.width = width
    self.height = height
  }

  /// Whether both dimensions are at least those of `other`.
  public func fits(_ other: Size) -> Bool {
    width >= other.width && height >= other.height
  }

  /// `WxH`.
  public var description: String { "\(width)x\(height)" }
}
