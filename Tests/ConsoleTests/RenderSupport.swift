import Views

@testable import ConsoleApp

/// Renders into a fresh `width` x `height` buffer with the plain theme and returns its lines, so
/// tests compare what a user would read.
func screen(_ width: Int, _ height: Int, _ draw: (inout ScreenBuffer, Rect) -> Void) -> [String] {
  var buffer = ScreenBuffer(width: width, height: height)
  draw(&buffer, buffer.area)
  return buffer.lines()
}

/// The whole console screen of `state`, as one string.
func render(_ state: ConsoleState) -> String {
  screen(state.size.width, state.size.height) { buffer, area in
    ConsoleScreen(state: state).render(into: &buffer, area: area)
  }.joined(separator: "\n")
}
