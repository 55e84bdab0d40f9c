/// The in-memory backend: frames go through the same `FrameDiff` bytes as on a real terminal and
/// are applied to a `VirtualScreen`, so tests see exactly what a terminal would show.
public final class MemoryTerminal: Terminal {
  /// The current size.
  public private(set) var size: Size
  /// The colour mode used to encode frames.
  public let colorMode: ColorMode
  /// What the emulated screen shows.
  public private(set) var screen: VirtualScreen
  /// Bytes written by the last `present`.
  public private(set) var lastBytes = 0
  /// Bytes written since creation.
  public private(set) var totalBytes = 0
  private var previous: ScreenBuffer?

  /// A blank terminal of `size`.
  public init(size: Size, colorMode: ColorMode = .trueColor) {
    self.size = size
    self.colorMode = colorMode
    screen = VirtualScreen(size: size)
  }

  /// Applies the diff between the last frame and `frame` to the emulated screen.
  @discardableResult
  public func present(_ frame: ScreenBuffer) -> Int {
    let bytes = FrameDiff.bytes(from: previous, to: frame, colorMode: colorMode)
    if frame.size != screen.buffer.size { screen.resize(to: frame.size) }
    screen.apply(bytes)
    previous = frame
    lastBytes = bytes.count
    totalBytes += bytes.count
    return bytes.count
  }

  /// Forces a full repaint on the next `present`.
  public func invalidate() {
    previous = nil
  }

  /// Simulates the user resizing the window.
  public func resize(to newSize: Size) {
    size = newSize
    screen.resize(to: newSize)
    previous = nil
  }

  /// The text on screen, one string per row.
  public func lines() -> [String] {
    screen.buffer.lines()
  }
}
