import AIResources
import ClusterClient
import Foundation
import KubeCore
import Views

/// Everything the console shows, as one value: the reducer is the only code that changes it and
/// `ConsoleScreen` draws it. Holds no connections; those live in `ConsoleFeeds`.
struct ConsoleState {
  /// Which world the console is looking at, for the header.
  struct World: Sendable, Equatable {
    /// `embedded` or the kubeconfig context's name.
    var context: String
    /// The API server's URL.
    var server: String
    /// Whether this is the in-process embedded control plane.
    var embedded: Bool
    /// Whether mutating keys are refused.
    var readOnly: Bool
  }

  /// What the list shows.
  enum Listing: Equatable, Sendable {
    /// Every AI kind together (`:ai`).
    case allKinds
    /// One kind.
    case kind(APIResource)
  }

  /// The panes `tab` cycles through.
  enum Pane: Int, CaseIterable, Sendable {
    case list, detail, metrics, logs
    /// Shown (and reached by `tab`) once an operation was made this session.
    case activity
    var title: String { ["Resources", "Detail", "Metrics", "Logs", "Activity"][rawValue] }
  }

  /// A full-screen text view of the selection.
  enum TextView: Sendable {
    case yaml(YAMLView)
    case describe(DescribeView)

    var lines: [String] {
      switch self {
      case .yaml(let view): view.lines
      case .describe(let view): view.lines
      }
    }
  }

  /// What the keyboard is talking to.
  enum Mode: Equatable, Sendable {
    case normal, command, filter, help
    /// A full-screen text view of the selection.
    case yaml, describe
    /// A prompt for an operation's value (scale, canary).
    case operationPrompt
    /// A yes/no question before an operation (pause, delete).
    case confirm
    /// The revision picker of a rollback.
    case rollback
    /// The form of a route edit.
    case routeForm
    /// A prompt of the logs pane (`ConsoleLogs.Prompt`: filter, search, correlation ID).
    case logPrompt
  }

  /// A route edit sent and not yet answered, kept so that a refusal reopens it as typed.
  enum PendingRouteEdit: Sendable {
    case form(RouteForm)
    case editor(EditorRequest)
  }

  /// What an open operation prompt asks for.
  enum OperationPrompt: Equatable, Sendable {
    case scale(ConsoleOperation.ObjectRef, current: Int, bounds: ScaleBounds)
    case canary(ConsoleOperation.ObjectRef)
  }

  var world: World
  var theme: Theme
  /// What the console knows of each kind.
  let registry: KindRegistry
  var store = ResourceStore()
  var listing = Listing.allKinds
  var columns = ResourceColumns.allKinds
  var table = TableState()
  /// Only objects of this namespace are listed; nil for all.
  var namespace: String?
  var focus = Pane.list
  /// The pane shown full screen, if any.
  var zoom: Pane?
  var mode = Mode.normal
  var prompt = PromptState(prefix: ":")
  /// The detail of the selection, rebuilt when the selection changes and, for changes around it,
  /// at most every tick (it reads the whole cache).
  var detail: DetailModel?
  /// Something the detail shows may have changed since it was built.
  var detailStale = false
  /// When the detail was last built.
  var detailBuiltAt: Date?
  var detailScroll = DetailScroll()
  /// The full-screen YAML or describe view of the selection, while open.
  var textView: TextView?
  var textScroll = DetailScroll()
  /// Share of the width the list takes (the rest is detail); `<` and `>` move it.
  var split = 0.5
  var logs = ConsoleLogs()
  /// The operations asked for this session, newest last.
  var activity: [ActivityRecord] = []
  var nextActivityID = 1
  /// The activity row selected while the activity pane has focus (its record's id).
  var selectedActivity: Int?
  /// The operation prompt open in `.operationPrompt` mode.
  var operationPrompt: OperationPrompt?
  /// What a yes to the open question does.
  enum ConfirmAnswer: Equatable, Sendable {
    /// Sends the operation.
    case operation(ConsoleOperation)
    /// Opens the same operation on the selection's controller, whose fields would revert it.
    case onOwner(ConsoleAction, ConsoleOperation.ObjectRef)
  }

  /// The question open in `.confirm` mode, and what a yes does.
  var confirm: (dialog: ConfirmDialog, answer: ConfirmAnswer)?
  /// The revision picker open in `.rollback` mode.
  var rollbackPicker: RollbackPicker?
  /// The route form open in `.routeForm` mode.
  var routeForm: RouteForm?
  /// Route edits in flight, by activity id.
  var pendingRouteEdits: [Int: PendingRouteEdit] = [:]
  /// A route's YAML to open in the operator's editor; the UI loop lends it the terminal.
  var editorRequest: EditorRequest?
  /// Live metrics of the gateway, the instances and the GPUs.
  var metrics = MetricsBoard()
  /// A one-line message in the status bar, and when it goes away.
  var flash: (text: String, role: ThemeRole, until: Date)?
  /// Rows that changed recently, drawn highlighted until the time given.
  var flashing: [String: Date] = [:]
  /// The log sources followed for the current selection.
  var followedSources: Set<LogSource> = []
  /// The selected object changed in a way that may change its pods (it was just listed, say).
  var logSourcesStale = true
  /// Only objects with these labels are listed (`/-l key=value`); nil for all.
  var labelSelector: LabelSelector?
  /// The label filter as typed.
  var labelFilter = ""
  var size = Size(width: 80, height: 24)
  var now: Date
  /// Why the console could not start or connect, shown as a banner.
  var failure: String?
  /// Rows whose object changed since the list was last brought up to date.
  var pendingRows: Set<String> = []
  /// The whole list must be rebuilt (the listing, namespace or kinds changed).
  var listNeedsRebuild = true
  /// The listing changed: sort it the default way again.
  var listNeedsDefaultSort = true

  /// A state for `world` at `now`, knowing the kinds `registry` describes.
  init(world: World, theme: Theme = .default, now: Date = Date(), registry: KindRegistry = .ours) {
    self.world = world
    self.theme = theme
    self.now = now
    self.registry = registry
  }

  /// Whether every AI kind's informer holds the server's state.
  var isSynced: Bool {
    !store.kinds.isEmpty && store.kinds.allSatisfy { store.states[$0] == .synced }
  }

  /// The kind of a list row, from its id.
  func resource(ofRow id: String) -> APIResource? {
    guard let kindGroup = id.split(separator: "/", maxSplits: 1).first else { return nil }
    return store.kinds.first { "\($0.kind).\($0.group)" == kindGroup }
  }

  /// The selected object and its kind.
  var selection: (resource: APIResource, object: JSONValue)? {
    guard let id = table.selectedID else { return nil }
    return object(ofRow: id)
  }

  /// The object a row id names, while it is cached.
  func object(ofRow id: String) -> (resource: APIResource, object: JSONValue)? {
    guard let resource = resource(ofRow: id) else { return nil }
    let parts = id.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 3 else { return nil }
    let namespace = parts[1].isEmpty ? nil : String(parts[1])
    guard let object = store.object(resource, namespace: namespace, name: String(parts[2])) else { return nil }
    return (resource, object)
  }

  /// The kinds the list shows now.
  var listedKinds: [APIResource] {
    switch listing {
    case .allKinds: return store.kinds
    case .kind(let resource): return store.kinds.contains(resource) ? [resource] : []
    }
  }

  /// Whether `object` of `resource` belongs in the list as it is filtered now.
  func isListed(_ resource: APIResource, _ object: JSONValue) -> Bool {
    guard listedKinds.contains(resource) else { return false }
    if let namespace, object[path: ["metadata", "namespace"]]?.stringValue != namespace { return false }
    guard let labelSelector else { return true }
    var labels: [String: String] = [:]
    for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] { labels[key] = value.stringValue }
    return labelSelector.matches(labels)
  }
}
