import Views

/// The metrics pane: a status line per source, then the selected InferenceService's stable and
/// canary pools side by side with its analysis verdict, then routes and models with their rates,
/// sparklines and latencies, then GPUs grouped by node as gauges. A pure function of the board;
/// the caller draws the frame around it. When the rows do not all fit, each section gets a fair
/// share of the height and says how many rows it left out; the selection's rows come first.
struct MetricsPane: Sendable {
  /// One line of the body.
  enum Line: Sendable {
    /// A section's column header.
    case header(String)
    /// A route's row.
    case route(RouteMetricsRow, highlighted: Bool)
    /// A model's row.
    case model(ModelMetricsRow, highlighted: Bool)
    /// A node's heading over its GPUs.
    case node(GPUNodeGroup, highlighted: Bool)
    /// One GPU's gauges.
    case gpu(GPUMetricsRow, highlighted: Bool)
    /// A note in muted text.
    case note(String)
    /// A canary's verdict, in the role of its outcome.
    case verdict(String, ThemeRole)
    /// A pool's row of the stable-vs-canary table.
    case pool(PoolMetricsRow)
  }

  /// A run of lines drawn with one set of columns.
  struct Section: Sendable {
    /// The lines, header first.
    var lines: [Line]
    /// The columns of its table rows (nil for the GPU section).
    var columns: MetricsColumns?
    /// Whether it gets all its lines before the others share the rest (the selection's canary,
    /// a few lines that mean nothing cut short).
    var keepsWhole = false
  }

  /// Seconds without an answer after which an exposition source is called stale (several
  /// missed scrapes); a Prometheus source gets three times as long, as it is read less often.
  var staleAfterSeconds = 5

  /// A pane.
  init() {}

  /// Draws the pane for `board` into `area`, emphasising the rows `highlight` names.
  func render(
    into buffer: inout ScreenBuffer, area: Rect, board: MetricsBoard, highlight: MetricsHighlight, theme: Theme
  ) {
    guard !area.isEmpty else { return }
    buffer.fill(area, style: theme[.text])
    let status = board.sources.map { statusLine($0, board: board) }
    let statusRows = board.sources.isEmpty ? 0 : min(status.count, max(1, area.height / 4))
    for (offset, line) in status.prefix(statusRows).enumerated() {
      buffer.put(line.text, x: area.x, y: area.y + offset, maxWidth: area.width, style: theme[line.role])
    }
    let body = Rect(x: area.x, y: area.y + statusRows, width: area.width, height: area.height - statusRows)
    guard !body.isEmpty else { return }
    guard board.hasData else {
      if board.sources.isEmpty { buffer.put("no metrics source", x: body.x, y: body.y, style: theme[.muted]) }
      return
    }
    let sections = sections(board: board, highlight: highlight, width: body.width)
    draw(sections, into: &buffer, area: body, theme: theme)
  }

  private func draw(_ sections: [Section], into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    let whole = sections.map { $0.keepsWhole ? min($0.lines.count, area.height) : 0 }
    let rest = Self.allocate(
      sections.map { $0.keepsWhole ? 0 : $0.lines.count }, among: area.height - whole.reduce(0, +))
    let shares = zip(whole, rest).map { $0 + $1 }
    var y = area.y
    for (section, share) in zip(sections, shares) where share > 0 {
      var lines = Array(section.lines.prefix(share))
      if share < section.lines.count, share >= 2 {
        lines[share - 1] = .note("… \(section.lines.count - share + 1) more")
      }
      for line in lines {
        draw(
          line, columns: section.columns, into: &buffer, area: Rect(x: area.x, y: y, width: area.width, height: 1),
          theme: theme)
        y += 1
      }
    }
  }

  private func draw(_ line: Line, columns: MetricsColumns?, into buffer: inout ScreenBuffer, area: Rect, theme: Theme) {
    switch line {
    case .header(let name): columns?.renderHeader(name, into: &buffer, area: area, theme: theme)
    case .route(let row, let highlighted):
      columns?.renderRow(
        name: row.route, cells: Self.cells(row, theme: theme), highlighted: highlighted, into: &buffer, area: area,
        theme: theme)
    case .model(let row, let highlighted):
      columns?.renderRow(
        name: row.model, cells: Self.cells(row, theme: theme), highlighted: highlighted, into: &buffer, area: area,
        theme: theme)
    case .node(let group, let highlighted):
      Self.drawNode(group, highlighted: highlighted, into: &buffer, area: area, theme: theme)
    case .gpu(let gpu, let highlighted):
      Self.drawGPU(gpu, highlighted: highlighted, into: &buffer, area: area, theme: theme)
    case .note(let text): buffer.put(text, x: area.x + 2, y: area.y, maxWidth: area.width - 2, style: theme[.muted])
    case .verdict(let text, let role):
      buffer.put(text, x: area.x + 2, y: area.y, maxWidth: area.width - 2, style: theme[role])
    case .pool(let row):
      columns?.renderRow(
        name: Self.poolName(row), cells: Self.cells(row, theme: theme), highlighted: false, into: &buffer, area: area,
        theme: theme)
    }
  }

  /// Shares `height` among parts needing `needs` lines: parts that need less than an even share
  /// get what they need, the rest split what remains (earlier parts get the odd lines).
  static func allocate(_ needs: [Int], among height: Int) -> [Int] {
    var shares = Array(repeating: 0, count: needs.count)
    var open = needs.indices.filter { needs[$0] > 0 }
    var remaining = max(0, height)
    while !open.isEmpty, remaining > 0 {
      let even = remaining / open.count
      let small = open.filter { needs[$0] <= even }
      if small.isEmpty {
        for (rank, index) in open.enumerated() { shares[index] = even + (rank < remaining % open.count ? 1 : 0) }
        return shares
      }
      for index in small {
        shares[index] = needs[index]
        remaining -= needs[index]
      }
      open.removeAll { small.contains($0) }
    }
    return shares
  }
}
