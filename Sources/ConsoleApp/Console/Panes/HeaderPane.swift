import Foundation
import Views

/// The header: who and where (world, server, namespace, read-only badge, clock), then the
/// connection state and the AI objects counted by health; a red banner, wrapped, while disconnected.
struct HeaderPane {
  let header: ConsoleState.Header
  let readOnly: Bool
  let clock: String

  init(_ state: ConsoleState) {
    header = ConsoleState.Header(state)
    readOnly = state.world.readOnly
    clock = Self.clock(state.now)
  }

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    guard area.height > 0 else { return }
    var spans = [Span(" aiconsole ", style: theme[.titleFocus]), Span(" " + header.identity, style: theme[.text])]
    if readOnly { spans.append(Span("  READ-ONLY ", style: theme[.flashWarn])) }
    _ = buffer.put(spans, x: area.x, y: area.y, maxWidth: area.width - clock.count - 1)
    _ = buffer.put(clock, x: area.right - clock.count - 1, y: area.y, style: theme[.muted])
    guard area.height > 1 else { return }
    var line: [Span] = [
      Span(" " + header.connection, style: theme[connectionRole]), Span("  ·  ", style: theme[.muted]),
    ]
    for (health, count) in header.counts {
      line.append(Span("\(health.glyph) \(count) \(health.word)  ", style: theme[count > 0 ? health.role : .muted]))
    }
    _ = buffer.put(line, x: area.x, y: area.y + 1, maxWidth: area.width)
    for (row, text) in header.bannerLines(width: area.width).enumerated() where row + 2 < area.height {
      buffer.putAligned(
        text, x: area.x, y: area.y + 2 + row, width: area.width, alignment: .left, style: theme[.flashError])
    }
  }

  private var connectionRole: ThemeRole {
    if header.banner != nil { return .statusError }
    return header.connection == "synced" ? .statusOK : .statusWarn
  }

  static func clock(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone.current
    let parts = calendar.dateComponents([.hour, .minute, .second], from: date)
    return String(format: "%02d:%02d:%02d", parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
  }
}
