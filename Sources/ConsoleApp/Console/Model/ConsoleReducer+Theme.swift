import Foundation
import Views

extension ConsoleReducer {
  /// How long the status line tells why the theme asked for was not used.
  static let themeWarningSeconds: TimeInterval = 20

  /// Says in the status line, from the first frame, that the theme asked for could not be used
  /// and why (file, line, key), since standard error is hidden behind the full screen.
  static func themeNotLoaded(_ error: ThemeError, _ state: inout ConsoleState) {
    state.flash = ("theme not loaded, using default: \(error)", .flashWarn, state.now + themeWarningSeconds)
  }
}
