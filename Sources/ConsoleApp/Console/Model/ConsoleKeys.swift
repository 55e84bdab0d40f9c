import Views

/// What the console's keys do. Bindings are data: the help overlay and the hint bar are drawn
/// from the same table the reducer looks keys up in.
enum ConsoleAction: Hashable, Sendable {
  case help, command, filter, down, up, pageDown, pageUp, top, bottom, enter, back, nextPane, previousPane
  case owner
  case zoom, narrower, wider, sort, yaml, describe, logs, follow, wrap, level, allNamespaces, quit
  case scale, pause, canary, delete, rollback, edit, editYAML
  case correlation, search, nextMatch, previousMatch
  case reconnect
}

/// The console's key table.
enum ConsoleKeys {
  static let bindings: [KeyBinding<ConsoleAction>] = general + navigation + views + operations + logs

  static let operations: [KeyBinding<ConsoleAction>] = [
    KeyBinding(
      [.char("s")], .scale, label: "scale", description: "scale an AICluster or InferenceService", group: "Operations",
      isMutating: true),
    KeyBinding(
      [.char("r"), .ctrl("l")], .rollback, label: "rollback",
      description: "roll an AICluster or InferenceService back to a revision (picker with a diff)", group: "Operations",
      isMutating: true),
    KeyBinding(
      [.char("e")], .edit, label: "edit", description: "edit an AIModelRoute in a form (ctrl-e there: YAML)",
      group: "Operations", isMutating: true),
    KeyBinding(
      [.char("E")], .editYAML, label: "edit yaml", description: "edit an AIModelRoute's YAML in $EDITOR",
      group: "Operations", isMutating: true, showInHints: false),
    KeyBinding(
      [.char("P")], .pause, label: "pause", description: "pause or resume an AICluster's reconciliation",
      group: "Operations", isMutating: true, showInHints: false),
    KeyBinding(
      [.char("c")], .canary, label: "canary",
      description: "start an InferenceService's canary; set, promote or abort it",
      group: "Operations", isMutating: true, showInHints: false),
    KeyBinding(
      [.ctrl("d")], .delete, label: "delete", description: "delete the selection (asks first)", group: "Operations",
      isMutating: true, showInHints: false),
  ]

  static let general: [KeyBinding<ConsoleAction>] = [
    KeyBinding([.char("?")], .help, label: "help", description: "show this help"),
    KeyBinding(
      [.char(":")], .command, label: "cmd",
      description: ":ai :aic :infsvc … :pods :events :nodes or any kind (words after it filter) :ns NAME :ctx :logs ID"
    ),
    KeyBinding(
      [.char("/")], .filter, label: "filter",
      description: "filter the list (/!text inverts, /-l key=value) or, in the logs, the lines"),
    KeyBinding([.char("q"), .ctrl("c")], .quit, label: "quit", description: "quit"),
    KeyBinding(
      [.ctrl("r")], .reconnect, label: "retry now",
      description: "while the API server is unreachable: try it now instead of waiting out the backoff",
      showInHints: false),
  ]

  static let navigation: [KeyBinding<ConsoleAction>] = [
    KeyBinding([.char("j"), KeyEvent(.down)], .down, label: "down", group: "Navigation", showInHints: false),
    KeyBinding([.char("k"), KeyEvent(.up)], .up, label: "up", group: "Navigation", showInHints: false),
    KeyBinding(
      [KeyEvent(.pageDown), .ctrl("f")], .pageDown, label: "page down", group: "Navigation", showInHints: false),
    KeyBinding([KeyEvent(.pageUp), .ctrl("b")], .pageUp, label: "page up", group: "Navigation", showInHints: false),
    KeyBinding([.char("g"), KeyEvent(.home)], .top, label: "top", group: "Navigation", showInHints: false),
    KeyBinding([.char("G"), KeyEvent(.end)], .bottom, label: "bottom", group: "Navigation", showInHints: false),
    KeyBinding(
      [KeyEvent(.enter)], .enter, label: "detail",
      description: "open the selection's detail; in the detail, its owner tree (enter there opens an object)",
      group: "Navigation"),
    KeyBinding(
      [KeyEvent(.escape)], .back, label: "back", description: "close, unzoom, back to the list", group: "Navigation",
      showInHints: false),
    KeyBinding([KeyEvent(.tab)], .nextPane, label: "pane", description: "next pane", group: "Navigation"),
    KeyBinding([KeyEvent(.backTab)], .previousPane, label: "prev pane", group: "Navigation", showInHints: false),
    KeyBinding(
      [.char("z")], .zoom, label: "zoom", description: "zoom the focused pane full screen", group: "Navigation"),
    KeyBinding(
      [.char("<")], .narrower, label: "narrower", description: "move the split left", group: "Navigation",
      showInHints: false),
    KeyBinding(
      [.char(">")], .wider, label: "wider", description: "move the split right", group: "Navigation", showInHints: false
    ),
    KeyBinding(
      [.char("0")], .allNamespaces, label: "all ns", description: "every namespace", group: "Navigation",
      showInHints: false),
  ]

  static let views: [KeyBinding<ConsoleAction>] = [
    KeyBinding(
      [.char("O")], .sort, label: "sort", description: "sort by the next column", group: "Views", showInHints: false),
    KeyBinding(
      [.char("o")], .owner, label: "owner", description: "open the selection's owner (esc: back)", group: "Navigation",
      showInHints: false),
    KeyBinding([.char("y")], .yaml, label: "yaml", description: "the selection as YAML", group: "Views"),
    KeyBinding(
      [.char("d")], .describe, label: "describe", description: "describe the selection, with events", group: "Views"),
    KeyBinding(
      [.char("l")], .logs, label: "logs",
      description: "logs of the selection; on a Pod, its containers' (a picker when several)", group: "Views"),
  ]

  static let logs: [KeyBinding<ConsoleAction>] = [
    KeyBinding(
      [.char("p")], .follow, label: "pause",
      description: "pause/resume the logs (lines are kept meanwhile); on a Pod elsewhere, its previous run's logs",
      group: "Logs", showInHints: false),
    KeyBinding(
      [.char("w")], .wrap, label: "wrap", description: "wrap long log lines", group: "Logs", showInHints: false),
    KeyBinding(
      [.char("v")], .level, label: "level", description: "cycle the log level filter", group: "Logs", showInHints: false
    ),
    KeyBinding(
      [.char("L")], .correlation, label: "by ID",
      description: "logs by correlation ID (a change-id or request id), across every pod", group: "Logs"),
    KeyBinding(
      [.char("f")], .search, label: "search", description: "search the logs (highlighted)", group: "Logs",
      showInHints: false),
    KeyBinding(
      [.char("n")], .nextMatch, label: "next",
      description: "next search match in the logs; on a Pod elsewhere, open its node (esc: back)", group: "Logs",
      showInHints: false),
    KeyBinding(
      [.char("N")], .previousMatch, label: "prev", description: "previous search match", group: "Logs",
      showInHints: false),
  ]
}
