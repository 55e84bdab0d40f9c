import Foundation
import Views

/// The header: who and where (world, server, namespace, read-only badge, clock), then the
/// connection state, the AI objects counted by health and the SLOs (burning first); a red banner, wrapped, while disconnected.
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
    _ = buffer.put(statusLine(width: area.width, theme: theme), x: area.x, y: area.y + 1, maxWidth: area.width)
    for (row, text) in header.bannerLines(width: area.width).enumerated() where row + 2 < area.height {
      buffer.putAligned(
        text, x: area.x, y: area.y + 2 + row, width: area.width, alignment: .left, style: theme[.flashError])
    }
  }

  /// The connection, the objects by health, then the SLOs in the longest wording that fits (the
  /// counts of no object dropped first to make room); a burning SLO too long for what the counts
  /// leave goes before them, as it matters more.
  private func statusLine(width: Int, theme: Theme) -> [Span] {
    let separator = Span("  ·  ", style: theme[.muted])
    let connection = Span(" " + header.connection, style: theme[connectionRole])
    let counts = header.counts.map { health, count in
      Span("\(health.glyph) \(count) \(health.word)  ", style: theme[count > 0 ? health.role : .muted])
    }
    guard let slo = header.slo else { return [connection, separator] + counts }
    let nonZero = zip(header.counts, counts).filter { $0.0.1 > 0 }.map(\.1)
    let widthOf = { (spans: [Span]) in spans.map { DisplayWidth.of($0.text) }.reduce(0, +) }
    for text in slo.variants {
      for shown in [counts, nonZero] {
        let line = [connection, separator] + shown
        if widthOf(line) + DisplayWidth.of(text) < width { return line + [Span(text, style: theme[slo.role])] }
      }
    }
    let room = width - widthOf([connection, separator, separator])
    guard !slo.burning.isEmpty, let text = slo.text(fitting: room) ?? slo.variants.last else {
      return [connection, separator] + counts
    }
    return [connection, separator, Span(text, style: theme[slo.role]), separator] + counts
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
