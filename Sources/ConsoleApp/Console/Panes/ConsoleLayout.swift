import Views

/// Where each pane goes for a state's size, split and zoom: header on top, the list beside the
/// detail and metrics, the logs below, the status bar last. A zoomed pane takes the whole body.
struct ConsoleLayout {
  var header: Rect
  var list: Rect
  var detail: Rect
  var metrics: Rect
  var logs: Rect
  /// Beside the logs once an operation was made this session.
  var activity: Rect
  var status: Rect

  /// Rows of the header: identity, then connection and counts, then the banner's lines when disconnected.
  static func headerHeight(_ state: ConsoleState) -> Int {
    2 + ConsoleState.Header(state).bannerLines(width: state.size.width).count
  }

  init(_ state: ConsoleState) {
    let screen = Rect(size: state.size)
    let rows = Layout.split(screen, .vertical, [.fixed(Self.headerHeight(state)), .weight(1), .fixed(1)])
    header = rows[0]
    status = rows[2]
    let body = rows[1]
    let empty = Rect(x: body.x, y: body.y, width: 0, height: 0)
    activity = empty
    if let zoom = state.zoom {
      (list, detail, metrics, logs) = (empty, empty, empty, empty)
      switch zoom {
      case .list: list = body
      case .detail: detail = body
      case .metrics: metrics = body
      case .logs: logs = body
      case .activity: activity = body
      }
      return
    }
    let vertical = Layout.split(body, .vertical, [.weight(2, minimum: 8), .weight(1, minimum: 5)])
    logs = vertical[1]
    if !state.activity.isEmpty {
      let bottom = Layout.split(vertical[1], .horizontal, [.weight(3, minimum: 30), .weight(2, minimum: 30)])
      (logs, activity) = (bottom[0], bottom[1])
    }
    let listWeight = Int((state.split * 100).rounded())
    let columns = Layout.split(
      vertical[0], .horizontal, [.weight(listWeight, minimum: 30), .weight(100 - listWeight, minimum: 24)])
    list = columns[0]
    let right = Layout.split(columns[1], .vertical, [.weight(3, minimum: 6), .weight(2, minimum: 5)])
    detail = right[0]
    metrics = right[1]
  }

  /// Rows of list data that fit (inside the border, below the column titles).
  var listViewport: Int { Table.viewportHeight(for: list.inset(1)) }
  /// Lines of the full-screen YAML and describe views (inside their border).
  static func textViewport(_ state: ConsoleState) -> Int {
    max(0, state.size.height - headerHeight(state) - 1 - 2)
  }

  /// Lines of the logs pane.
  var logViewport: Int { logs.inset(1).height }
}
