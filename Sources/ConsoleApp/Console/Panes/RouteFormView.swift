import Views

/// The route form drawn over the screen: what changed meanwhile (after a conflict) and the
/// server's general complaints on top, the fields with their errors, the weights' sum below.
struct RouteFormView {
  let form: RouteForm

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let notes = noteLines
    let width = min(area.width - 4, 90)
    let fieldRows = Form.height(of: form.form, width: width - 4)
    let height = min(area.height - 2, fieldRows + notes.count + 5)
    let rect = Overlay.centered(in: area, width: width, height: height)
    let inner = Overlay.panel(into: &buffer, rect: rect, title: "Edit \(form.target.description)", theme: theme)
    guard inner.height >= 3 else { return }
    var y = inner.y
    for (text, role) in notes where y < inner.bottom - 2 {
      buffer.put(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: theme[role])
      y += 1
    }
    let fieldsArea = Rect(x: inner.x + 1, y: y, width: inner.width - 2, height: max(0, inner.bottom - 2 - y))
    Form().render(into: &buffer, area: fieldsArea, state: form.form, theme: theme)
    buffer.put(form.weightSummary, x: inner.x + 1, y: inner.bottom - 2, maxWidth: inner.width - 2, style: theme[.title])
    buffer.put(
      "enter save · tab/↑↓ move · ←→ choose · ctrl-e edit the YAML in $EDITOR · esc cancel", x: inner.x + 1,
      y: inner.bottom - 1, maxWidth: inner.width - 2, style: theme[.muted])
  }

  private var noteLines: [(String, ThemeRole)] {
    var lines: [(String, ThemeRole)] = []
    if !form.changedMeanwhile.isEmpty {
      lines.append(("Changed by someone else meanwhile (your edits are kept; enter sends them onto this):", .flashWarn))
      lines += form.changedMeanwhile.map { ("  \($0.description)", .flashWarn) }
    }
    lines += form.generalErrors.map { ("✗ " + $0, .formError) }
    return lines
  }
}
