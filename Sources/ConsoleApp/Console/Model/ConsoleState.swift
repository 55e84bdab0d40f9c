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

  /// What the keyboard is talking to, carrying the state of what it opened (a prompt, a
  /// question, a picker, a form), so that no mode exists without its state nor state without
  /// its mode.
  enum Mode: Sendable {
    case normal, help
    /// The `:` prompt.
    case command(PromptState)
    /// The list's `/` filter prompt.
    case filter(PromptState)
    /// A full-screen YAML or describe view of the selection, and how far it is scrolled.
    case text(TextView, DetailScroll)
    /// A prompt for an operation's value (scale, canary).
    case operationPrompt(OperationPrompt, PromptState)
    /// A yes/no question before an operation (pause, delete, a rollback, acting on the owner).
    case confirm(ConfirmDialog, ConfirmAnswer)
    /// The revision picker of a rollback.
    case rollback(RollbackPicker)
    /// The form of a route edit.
    case routeForm(RouteForm)
    /// A prompt of the logs pane (filter, search, correlation ID).
    case logPrompt(ConsoleLogs.Prompt, PromptState)
    /// The context picker of `:ctx`.
    case contexts(ContextPicker)
    /// The owner tree of the selection, to open one of its objects.
    case ownerTree(ChoicePicker<ObjectIdentity>)
    /// The container picker of `l` on a Pod of several containers.
    case containers(ChoicePicker<PodLogChoice.Pick>)
    /// A picker of `c`'s start of a canary: its ModelDeployment, then with analysis or not.
    case canaryPicker(ChoicePicker<CanaryStart>)
    /// The prompt of `c`'s start of a canary for its first traffic step.
    case canaryTraffic(CanaryStart, PromptState)

    /// The mode without its state, for comparisons.
    enum Name: Sendable, Hashable {
      case normal, help, command, filter, yaml, describe, operationPrompt, confirm, rollback, routeForm, logPrompt,
        contexts, ownerTree, containers, canaryPicker, canaryTraffic
    }

    var name: Name {
      switch self {
      case .normal: .normal
      case .help: .help
      case .command: .command
      case .filter: .filter
      case .text(.yaml, _): .yaml
      case .text(.describe, _): .describe
      case .operationPrompt: .operationPrompt
      case .confirm: .confirm
      case .rollback: .rollback
      case .routeForm: .routeForm
      case .logPrompt: .logPrompt
      case .contexts: .contexts
      case .ownerTree: .ownerTree
      case .containers: .containers
      case .canaryPicker: .canaryPicker
      case .canaryTraffic: .canaryTraffic
      }
    }

    /// The prompt open in this mode, if it has one.
    var prompt: PromptState? {
      switch self {
      case .command(let prompt), .filter(let prompt), .operationPrompt(_, let prompt), .logPrompt(_, let prompt),
        .canaryTraffic(_, let prompt):
        prompt
      default: nil
      }
    }

    /// The route form open in this mode.
    var routeForm: RouteForm? { if case .routeForm(let form) = self { form } else { nil } }
    /// The revision picker open in this mode.
    var rollbackPicker: RollbackPicker? { if case .rollback(let picker) = self { picker } else { nil } }
    /// The question open in this mode.
    var dialog: ConfirmDialog? { if case .confirm(let dialog, _) = self { dialog } else { nil } }

    /// The same mode with its prompt edited by `edit`; modes without a prompt are left as they are.
    func editingPrompt(_ edit: (inout PromptState) -> Void) -> Mode {
      switch self {
      case .command(var prompt):
        edit(&prompt)
        return .command(prompt)
      case .filter(var prompt):
        edit(&prompt)
        return .filter(prompt)
      case .operationPrompt(let operation, var prompt):
        edit(&prompt)
        return .operationPrompt(operation, prompt)
      case .logPrompt(let kind, var prompt):
        edit(&prompt)
        return .logPrompt(kind, prompt)
      case .canaryTraffic(let start, var prompt):
        edit(&prompt)
        return .canaryTraffic(start, prompt)
      default: return self
      }
    }
  }

  /// A route edit sent and not yet answered, kept so that a refusal reopens it as typed.
  enum PendingRouteEdit: Sendable {
    case form(RouteForm)
    case editor(EditorRequest)
  }

  /// What an open operation prompt asks for.
  enum OperationPrompt: Equatable, Sendable {
    case scale(ObjectIdentity, current: Int, bounds: ScaleBounds)
    case canary(ObjectIdentity)
  }

  var world: World
  /// The contexts `:ctx` offers, as the launch last read them.
  var contexts = ConsoleContexts()
  var theme: Theme
  /// What the console knows of each kind.
  let registry: KindRegistry
  var store = ResourceStore()
  var listing = Listing.allKinds
  var columns = ResourceColumns.allKinds
  var table = TableState<ObjectIdentity>()
  /// Only objects of this namespace are listed; nil for all.
  var namespace: String?
  var focus = Pane.list
  var mode = Mode.normal
  /// What was typed into the prompts, for their history (up and down).
  var promptHistory: [String] = []
  /// The pane shown full screen, if any.
  var zoom: Pane?
  /// The detail of the selection, rebuilt when the selection changes and, for changes around it,
  /// at most every tick (it reads the whole cache).
  var detail: DetailModel?
  /// Something the detail shows may have changed since it was built.
  var detailStale = false
  /// When the detail was last built.
  var detailBuiltAt: Date?
  var detailScroll = DetailScroll()
  /// Share of the width the list takes (the rest is detail); `<` and `>` move it.
  var split = 0.5
  var logs = ConsoleLogs()
  /// The operations asked for this session, newest last.
  var activity: [ActivityRecord] = []
  var nextActivityID = 1
  /// The activity row selected while the activity pane has focus (its record's id).
  var selectedActivity: Int?
  /// What a yes to the open question does.
  enum ConfirmAnswer: Equatable, Sendable {
    /// Sends the operation.
    case operation(ConsoleOperation)
    /// Opens the same operation on the selection's controller, whose fields would revert it.
    case onOwner(ConsoleAction, ObjectIdentity)
  }

  /// Route edits in flight, by activity id.
  var pendingRouteEdits: [Int: PendingRouteEdit] = [:]
  /// A route's YAML to open in the operator's editor; the UI loop lends it the terminal.
  var editorRequest: EditorRequest?
  /// Live metrics of the gateway, the instances and the GPUs.
  var metrics = MetricsBoard()
  /// A one-line message in the status bar, and when it goes away.
  var flash: (text: String, role: ThemeRole, until: Date)?
  /// Rows that changed recently, drawn highlighted until the time given.
  var flashing: [ObjectIdentity: Date] = [:]
  /// The log sources followed for the current selection.
  var followedSources: Set<LogSource> = []
  /// The selected object changed in a way that may change its pods (it was just listed, say).
  var logSourcesStale = true
  /// Only objects with these labels are listed (`/-l key=value`); nil for all.
  var labelSelector: LabelSelector?
  /// The label filter as typed.
  var labelFilter = ""
  var size = Size(width: 80, height: 24)
  /// How many lines each pane showed when the screen was last drawn: what a page is and which
  /// rows are on screen. The runtime sets them from the screen after each batch
  /// (`ConsoleScreen.viewports`), so the reducer never works the layout out itself.
  var viewports = Viewports()

  /// Lines of each pane, as last drawn.
  struct Viewports: Equatable, Sendable {
    /// List rows inside the border, below the column titles.
    var list = 0
    /// Lines of the logs pane.
    var logs = 0
    /// Lines of the detail pane, and of the content it scrolls over.
    var detail = 0
    var detailContent = 0
    /// Lines of the full-screen YAML and describe views.
    var text = 0
  }
  var now: Date
  /// Why the console could not start or connect, shown as a banner.
  var failure: String?
  /// The steps followed from list to object (owner tree, owner, node), for `esc` to go back.
  var trail: [ConsoleReducer.Crumb] = []
  /// The object a step opened, selected as soon as its row is listed.
  var pendingSelection: ObjectIdentity?
  /// Rows whose object changed since the list was last brought up to date.
  var pendingRows: Set<ObjectIdentity> = []
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

  /// The selected object and its kind.
  var selection: (resource: APIResource, object: JSONValue)? {
    table.selectedID.flatMap(object)
  }

  /// The object `id` names, while it is cached, and the resource it is served as.
  func object(_ id: ObjectIdentity) -> (resource: APIResource, object: JSONValue)? {
    guard let resource = store.watched.first(where: id.isServed(by:)),
      let object = store.object(resource, namespace: id.namespace.isEmpty ? nil : id.namespace, name: id.name)
    else { return nil }
    return (resource, object)
  }

  /// The kinds the list shows now.
  var listedKinds: [APIResource] {
    switch listing {
    case .allKinds: return store.kinds
    case .kind(let resource): return store.kinds.contains(resource) || store.viewed.contains(resource) ? [resource] : []
    }
  }

  /// Whether `object` of `resource` belongs in the list as it is filtered now.
  func isListed(_ resource: APIResource, _ object: JSONValue) -> Bool {
    guard listedKinds.contains(resource) else { return false }
    if let namespace, resource.namespaced, object[path: ["metadata", "namespace"]]?.stringValue != namespace {
      return false
    }
    guard let labelSelector else { return true }
    var labels: [String: String] = [:]
    for (key, value) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] { labels[key] = value.stringValue }
    return labelSelector.matches(labels)
  }
}
