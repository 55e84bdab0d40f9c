import Views

/// A scrollable view of text lines, with optional line numbers: the YAML and describe views
/// share it. It reads only the lines that fit, so a long document costs no more to draw.
struct TextLinesView: Sendable {
  /// How lines are coloured.
  enum Highlight: Hashable, Sendable {
    /// All text in the text style.
    case none
    /// Mapping keys (`name:`, `- name:`) in the key style.
    case yaml
    /// Top-level labels (`Name:`, `Events:`) in the label style.
    case describe
  }

  /// The lines.
  var lines: [String]
  /// Whether each line starts with its number.
  var lineNumbers = false
  /// How lines are coloured.
  var highlight = Highlight.none

  /// Draws the lines from `scroll.top`, skipping `scroll.left` columns of each.
  func render(into buffer: inout ScreenBuffer, area: Rect, scroll: DetailScroll, theme: Theme) {
    guard !area.isEmpty else { return }
    buffer.fill(area, style: theme[.text])
    let scroll = scroll.clamped(contentHeight: lines.count, viewport: area.height)
    let gutter = lineNumbers ? String(lines.count).count + 1 : 0
    for row in 0..<min(area.height, lines.count - scroll.top) {
      let index = scroll.top + row
      let y = area.y + row
      if gutter > 0 {
        let number = String(index + 1)
        let padded = String(repeating: " ", count: gutter - 1 - number.count) + number
        buffer.put(padded, x: area.x, y: y, maxWidth: area.width, style: theme[.muted])
      }
      let spans = self.spans(of: lines[index], theme: theme)
      buffer.put(spans, x: area.x + gutter, y: y, maxWidth: area.width - gutter, skip: scroll.left)
    }
  }

  /// A line split into its key and the rest, styled by `highlight`.
  func spans(of line: String, theme: Theme) -> [Span] {
    let text = theme[.text]
    guard let split = keyEnd(of: line) else { return [Span(line, style: text)] }
    let role: ThemeRole = highlight == .yaml ? .logKey : .formLabel
    return [
      Span(String(line[..<split]), style: text.patched(with: theme[role])),
      Span(String(line[split...]), style: text),
    ]
  }

  /// Where the key of a `key: value` line ends (just after its colon), if it has one.
  private func keyEnd(of line: String) -> String.Index? {
    switch highlight {
    case .none:
      return nil
    case .describe:
      guard let first = line.first, first != " ", let colon = line.firstIndex(of: ":") else { return nil }
      return line.index(after: colon)
    case .yaml:
      var body = line.drop { $0 == " " }
      if body.hasPrefix("- ") { body = body.dropFirst(2) }
      guard let first = body.first, first != "\"", first != "'", let colon = body.firstIndex(of: ":") else {
        return nil
      }
      let after = line.index(after: colon)
      guard after == line.endIndex || line[after] == " ", !body[..<colon].contains(" ") else { return nil }
      return after
    }
  }
}
