import Views

/// The operations of this session, newest first: what was asked, its change-id, how the edit went
/// and the reconcile that reported the same change-id. With focus, one row is selected (`enter`
/// opens the logs of its change-id) and kept in view.
struct ActivityPane {
  let records: [ActivityRecord]
  /// The selected record's id, drawn highlighted while the pane has focus.
  var selected: Int?
  var focused = false

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let hint = focused ? "enter: logs of the change · \(records.count)" : "\(records.count)"
    let inner = Block(title: "Activity", trailingTitle: hint, focused: focused).render(
      into: &buffer, area: area, theme: theme)
    let newestFirst = Array(records.reversed())
    // Each record takes two rows; scroll so that the selected one is visible.
    let fits = max(1, inner.height / 2)
    let position = focused ? newestFirst.firstIndex { $0.id == selected } ?? 0 : 0
    var y = inner.y
    for record in newestFirst.dropFirst(max(0, position - fits + 1)) where y + 1 < inner.bottom {
      let (state, role) = Self.state(record)
      let highlight = focused && record.id == selected
      _ = buffer.put(
        [Span(state + " ", style: theme[role]), Span(record.summary, style: theme[.text])], x: inner.x, y: y,
        maxWidth: inner.width)
      let change = record.changeID.map { "change \($0)" } ?? "sending…"
      let reconcile = record.reconcile.map { " · reconciled: \($0)" } ?? (record.failed ? "" : " · awaiting reconcile")
      let detail = record.failed ? (record.result ?? "") : change + reconcile
      _ = buffer.put("  " + detail, x: inner.x, y: y + 1, maxWidth: inner.width, style: theme[.muted])
      if highlight {
        buffer.patchStyle(theme[.tableSelection], in: Rect(x: inner.x, y: y, width: inner.width, height: 2))
      }
      y += 2
    }
  }

  static func state(_ record: ActivityRecord) -> (String, ThemeRole) {
    if record.failed { return ("✖", .statusError) }
    if record.result == nil { return ("…", .statusWarn) }
    return record.reconcile == nil ? ("◐", .statusWarn) : ("●", .statusOK)
  }
}
