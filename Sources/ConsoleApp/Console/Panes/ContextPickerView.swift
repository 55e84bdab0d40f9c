import Views

/// The context picker drawn over the screen, as `kubectl config get-contexts` lists them: the
/// current one marked `*`, then name, cluster, server and namespace.
struct ContextPickerView {
  let picker: ContextPicker

  func render(into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let entries = picker.contexts.entries
    let problem = picker.contexts.problem.map { TextLayout.wrap("⚠ " + $0, width: max(1, min(area.width - 8, 104))) }
    let height = min(area.height - 2, max(entries.count, 1) + (problem?.count ?? 0) + 5)
    let rect = Overlay.centered(in: area, width: min(area.width - 4, 110), height: height)
    let inner = Overlay.panel(into: &buffer, rect: rect, title: "Contexts", theme: theme)
    guard inner.height >= 3 else { return }
    let widths = columnWidths(inner.width)
    var y = inner.y
    buffer.put(
      row(["", "NAME", "CLUSTER", "SERVER", "NAMESPACE"], widths), x: inner.x, y: y, maxWidth: inner.width,
      style: theme[.tableHeader])
    y += 1
    let last = inner.bottom - 2 - (problem?.count ?? 0)
    // Rows scroll so that the selected one stays in view.
    let visible = max(1, last - y)
    let first = max(0, min(picker.selected - visible + 1, entries.count - visible))
    for (index, entry) in entries.enumerated().dropFirst(first) where y < last {
      let isCurrent = entry.name == picker.current
      let cells = [
        isCurrent ? "*" : "", entry.name, entry.embedded ? "(in-process)" : entry.cluster,
        entry.server ?? "(undefined)",
        entry.namespace ?? "",
      ]
      let style = index == picker.selected ? theme[.tableSelection] : theme[entry.server == nil ? .muted : .text]
      buffer.fill(Rect(x: inner.x, y: y, width: inner.width, height: 1), style: style)
      buffer.put(row(cells, widths), x: inner.x, y: y, maxWidth: inner.width, style: style)
      y += 1
    }
    if entries.isEmpty, picker.contexts.problem == nil {
      buffer.put(" the kubeconfig names no context", x: inner.x, y: y, maxWidth: inner.width, style: theme[.muted])
    }
    for (offset, line) in (problem ?? []).enumerated() {
      buffer.put(line, x: inner.x + 1, y: last + offset, maxWidth: inner.width - 2, style: theme[.statusError])
    }
    buffer.put(
      "enter switch to the selected context · j/k move · esc close", x: inner.x + 1, y: inner.bottom - 1,
      maxWidth: inner.width - 2, style: theme[.muted])
  }

  /// Marker, name, cluster, server, namespace: the name and server get what is left over.
  private func columnWidths(_ width: Int) -> [Int] {
    let name = max(4, picker.contexts.entries.map { DisplayWidth.of($0.name) }.max() ?? 4)
    let rest = max(0, width - 3 - 11)
    let nameWidth = min(name + 1, max(8, rest / 3))
    let cluster = min(max(8, rest / 4), max(8, rest - nameWidth - 20))
    return [1, nameWidth, cluster, max(10, rest - nameWidth - cluster), 11]
  }

  private func row(_ cells: [String], _ widths: [Int]) -> String {
    " " + zip(cells, widths).map { pad($0, $1) }.joined(separator: " ")
  }

  private func pad(_ text: String, _ width: Int) -> String {
    let shown = DisplayWidth.of(text) > width ? String(text.prefix(max(0, width - 1))) + "…" : text
    return shown + String(repeating: " ", count: max(0, width - DisplayWidth.of(shown)))
  }
}
