/// Turns two frames into the bytes that change the terminal from the first to the second.
///
/// Only cells that differ are written; an unchanged frame costs zero bytes. With no previous
/// frame (or a size change) the screen is cleared first and every non-blank cell is written.
public enum FrameDiff {
  /// The escape-sequence bytes (cursor moves, SGR, UTF-8 text) that turn `previous` into `next`.
  public static func bytes(from previous: ScreenBuffer?, to next: ScreenBuffer, colorMode: ColorMode) -> [UInt8] {
    var writer = EscapeWriter(mode: colorMode, screenWidth: next.width)
    let base: ScreenBuffer
    if let previous, previous.size == next.size {
      base = previous
    } else {
      writer.clearScreen()
      base = ScreenBuffer(size: next.size)
    }
    let width = next.width
    next.cells.withUnsafeBufferPointer { new in
      base.cells.withUnsafeBufferPointer { old in
        for i in 0..<new.count where new[i].width != 0 && new[i] != old[i] {
          writer.move(x: i % width, y: i / width)
          writer.write(new[i])
        }
      }
    }
    return writer.bytes
  }

  /// The bytes of a full repaint of `frame` (clear, then every non-blank cell).
  public static func fullRepaint(_ frame: ScreenBuffer, colorMode: ColorMode) -> [UInt8] {
    bytes(from: nil, to: frame, colorMode: colorMode)
  }
}
