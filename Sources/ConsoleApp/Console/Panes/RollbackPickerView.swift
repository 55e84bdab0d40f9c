import Views

/// The rollback picker drawn over the screen: one row per revision (number, age, what it ran,
/// what rolling back to it changes), then the selected revision's diff against the current spec.
struct RollbackPickerView {
  let picker: RollbackPicker

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let diff = diffLines
    let height = min(area.height - 2, picker.entries.count + diff.count + 6)
    let rect = Overlay.centered(in: area, width: min(area.width - 4, 110), height: height)
    let inner = Overlay.panel(
      into: &buffer, rect: rect, title: "Roll back \(picker.target.description)", theme: theme)
    guard inner.height >= 3 else { return }
    var y = inner.y
    buffer.put(
      " " + pad("REV", 5) + " " + pad("AGE", 8) + " " + pad("RAN", 34) + " ROLLING BACK CHANGES", x: inner.x, y: y,
      maxWidth: inner.width, style: theme[.tableHeader])
    y += 1
    for (index, entry) in picker.entries.enumerated() where y < inner.bottom - diff.count - 2 {
      let row =
        " " + pad("\(entry.number)", 5) + " " + pad(entry.age, 8) + " " + pad(entry.holds, 34) + " "
        + RollbackPicker.summary(entry)
      let style = index == picker.selected ? theme[.tableSelection] : theme[entry.isCurrent ? .muted : .text]
      buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
      buffer.put(row, x: inner.x, y: y, maxWidth: inner.width, style: style)
      y += 1
    }
    y += 1
    for (text, role) in diff where y < inner.bottom - 1 {
      buffer.put(text, x: inner.x + 1, y: y, maxWidth: inner.width - 2, style: theme[role])
      y += 1
    }
    buffer.put(
      "enter roll back to the selected revision · j/k move · esc close", x: inner.x + 1, y: inner.bottom - 1,
      maxWidth: inner.width - 2, style: theme[.muted])
  }

  /// The selected revision against the current spec, as a unified diff of the fields that differ.
  private var diffLines: [(String, ThemeRole)] {
    let entry = picker.entry
    guard !entry.isCurrent else { return [("revision \(entry.number) is the current spec: nothing to change", .muted)] }
    var lines: [(String, ThemeRole)] = [("diff: current spec → revision \(entry.number)", .title)]
    for change in entry.changes {
      lines.append(("- \(change.field): \(FieldChange.text(change.old))", .statusError))
      lines.append(("+ \(change.field): \(FieldChange.text(change.new))", .statusOK))
    }
    return lines
  }

  private func pad(_ text: String, _ width: Int) -> String {
    let shown = DisplayWidth.of(text) > width ? String(text.prefix(width - 1)) + "…" : text
    return shown + String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
  }
}
