/// The semantic roles a theme gives a style to. Widgets ask for roles, never for colours.
public enum ThemeRole: Int, CaseIterable, Hashable, Sendable {
  case text, muted, border, borderFocus, title, titleFocus
  case tableHeader, tableSelection, tableMatch
  case statusOK, statusWarn, statusError, statusUnknown
  case logTrace, logDebug, logInfo, logWarn, logError, logTimestamp, logKey, logMatch
  case sparkline, sparklineLabel, gaugeLow, gaugeMid, gaugeHigh, gaugeTrack
  case statusBar, hintKey, hintLabel, hintDangerous
  case flashInfo, flashWarn, flashError
  case dialog, dialogTitle, button, buttonFocus, input, inputCursor
  case tabActive, tabInactive, helpKey, helpSection, treeGuide, formLabel, formError

  /// The key naming the role in theme files, e.g. `table.header`.
  public var key: String { ThemeRole.keys[rawValue] }

  /// The role a theme file key names.
  public init?(key: String) {
    guard let index = ThemeRole.keys.firstIndex(of: key) else { return nil }
    self.init(rawValue: index)
  }

  private static let keys = [
    "text", "muted", "border", "border.focus", "title", "title.focus",
    "table.header", "table.selection", "table.match",
    "status.ok", "status.warn", "status.error", "status.unknown",
    "log.trace", "log.debug", "log.info", "log.warn", "log.error", "log.timestamp", "log.key", "log.match",
    "sparkline", "sparkline.label", "gauge.low", "gauge.mid", "gauge.high", "gauge.track",
    "statusbar", "hint.key", "hint.label", "hint.dangerous",
    "flash.info", "flash.warn", "flash.error",
    "dialog", "dialog.title", "button", "button.focus", "input", "input.cursor",
    "tab.active", "tab.inactive", "help.key", "help.section", "tree.guide", "form.label", "form.error",
  ]
}
