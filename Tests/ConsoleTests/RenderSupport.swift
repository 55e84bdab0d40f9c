import Views

@testable import ConsoleApp

/// Renders into a fresh `width` x `height` buffer with the plain theme and returns its lines, so
/// tests compare what a user would read.
func screen(_ width: Int, _ height: Int, _ draw: (inout ScreenBuffer, Rect) -> Void) -> [String] {
  var buffer = ScreenBuffer(width: width, height: height)
  draw(&buffer, buffer.area)
  return buffer.lines()
}
