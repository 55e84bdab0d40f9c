import Foundation
import Testing
import Views

@testable import ConsoleApp

/// The whole console screen as a reviewer reads it: every row's text (trailing blanks dropped),
/// then the cells whose role carries meaning text alone does not show — the selected row, health
/// and error colours, flashes, the focused button — as runs of columns. The screen is drawn by
/// the real `ConsoleScreen` with a probe theme that gives each role its own colour, so the role of
/// every cell can be read back.
struct ScreenSnapshot: Equatable {
  /// The roles listed under the screen, in this order on each row.
  static let markedRoles: [ThemeRole] = [
    .tableSelection, .statusWarn, .statusError, .flashInfo, .flashWarn, .flashError, .formError, .buttonFocus,
    .logWarn, .logError,
  ]

  /// A theme whose roles all differ: role n draws in palette colour 16 + n.
  static let probeTheme = Theme(
    name: "screen-probe",
    styles: Dictionary(uniqueKeysWithValues: ThemeRole.allCases.map { ($0, Style(foreground: .indexed(probe($0)))) }))

  static func probe(_ role: ThemeRole) -> UInt8 { UInt8(16 + role.rawValue) }

  /// The rows of text.
  var rows: [String]
  /// `row 7: table.selection 2-59`, one line per row that has marked cells.
  var marks: [String]

  /// The screen of `state`, at its size.
  init(_ state: ConsoleState) {
    var probed = state
    probed.theme = Self.probeTheme
    var buffer = ScreenBuffer(width: state.size.width, height: state.size.height)
    ConsoleScreen(state: probed).render(into: &buffer, area: buffer.area)
    Self.normalizeClock(&buffer, now: state.now)
    rows = buffer.trimmedLines()
    marks = (0..<buffer.height).compactMap { Self.marks(ofRow: $0, in: buffer) }
  }

  /// Parses the text of an expected screen file.
  init(text: String) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let divider = lines.firstIndex(of: Self.divider) ?? lines.count
    rows = Array(lines[..<divider])
    marks = Array(lines[min(lines.count, divider + 1)...])
  }

  static let divider = "──── marks: table.selection, status, flash, form.error, button.focus, log levels ────"

  /// The file's lines: the rows, the divider, the marks.
  var lines: [String] { rows + [Self.divider] + marks }

  /// The file's text.
  var text: String { lines.joined(separator: "\n") + "\n" }

  /// The header's clock shows the machine's local time; a screen file holds it in UTC, so the
  /// same state reads the same in every time zone. Both are `HH:MM:SS`, so nothing moves.
  static func normalizeClock(_ buffer: inout ScreenBuffer, now: Date) {
    let local = HeaderPane.clock(now)
    let x = buffer.width - local.count - 1
    guard x >= 0, buffer.height > 0, (x..<x + local.count).map({ buffer[x: $0, y: 0].symbol }).joined() == local
    else { return }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let parts = calendar.dateComponents([.hour, .minute, .second], from: now)
    let utc = String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    buffer.put(utc, x: x, y: 0, style: buffer[x: x, y: 0].style)
  }

  /// The runs of marked roles in row `y` (columns counted from 1), or nil when it has none.
  static func marks(ofRow y: Int, in buffer: ScreenBuffer) -> String? {
    var runs: [(role: ThemeRole, first: Int, last: Int)] = []
    for x in 0..<buffer.width {
      let cell = buffer[x: x, y: y]
      guard !cell.isContinuation, case .indexed(let index) = cell.style.foreground,
        let role = markedRoles.first(where: { probe($0) == index })
      else { continue }
      let (first, last) = (x + 1, x + Int(cell.width))
      if let run = runs.last, run.role == role, run.last == first - 1 {
        runs[runs.count - 1].last = last
      } else {
        runs.append((role, first, last))
      }
    }
    guard !runs.isEmpty else { return nil }
    let text = runs.map { "\($0.role.key) \($0.first)-\($0.last)" }.joined(separator: ", ")
    return "row \(y + 1): \(text)"
  }
}
