import Views

/// The operations of this session, newest first: what was asked, its change-id, how the edit went
/// and the reconcile that reported the same change-id.
struct ActivityPane {
  let records: [ActivityRecord]

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let inner = Block(title: "Activity", trailingTitle: "\(records.count)").render(
      into: &buffer, area: area, theme: theme)
    var y = inner.y
    for record in records.reversed() where y + 1 < inner.bottom {
      let (state, role) = Self.state(record)
      _ = buffer.put(
        [Span(state + " ", style: theme[role]), Span(record.summary, style: theme[.text])], x: inner.x, y: y,
        maxWidth: inner.width)
      let change = record.changeID.map { "change \($0)" } ?? "sending…"
      let reconcile = record.reconcile.map { " · reconciled: \($0)" } ?? (record.failed ? "" : " · awaiting reconcile")
      let detail = record.failed ? (record.result ?? "") : change + reconcile
      _ = buffer.put("  " + detail, x: inner.x, y: y + 1, maxWidth: inner.width, style: theme[.muted])
      y += 2
    }
  }

  static func state(_ record: ActivityRecord) -> (String, ThemeRole) {
    if record.failed { return ("✖", .statusError) }
    if record.result == nil { return ("…", .statusWarn) }
    return record.reconcile == nil ? ("◐", .statusWarn) : ("●", .statusOK)
  }
}
