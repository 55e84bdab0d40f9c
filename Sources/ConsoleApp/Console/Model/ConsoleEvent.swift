import ClusterClient
import Foundation
import KubeCore
import Views

/// Everything that reaches the reducer: keys and terminal changes from the UI loop, and what the
/// informers, the metrics feed and the log follower deliver.
enum ConsoleEvent: Sendable {
  case key(KeyEvent)
  case paste(String)
  case resize(Size)
  /// The clock moved (ages, flashes, banners).
  case tick(Date)
  /// The AI kinds served now.
  case kinds([APIResource])
  /// A change of an AI object, or of its informer's state.
  case object(APIResource, InformerEvent)
  /// What the server serves, after a discovery: how `:pods` and any other name resolve.
  case catalog(APIResourceCatalog)
  /// A change of an object of a kind viewed lately (its Table informer: columns, rows, state).
  case viewed(APIResource, TableInformerEvent)
  /// A change of a related object (a pod, an Event, …) or of its informer's state.
  case related(RelatedFeed, InformerEvent)
  /// A log line of a followed source.
  case log(LogRecord)
  /// A scrape or query of a metrics source.
  case metrics(MetricsUpdate)
  /// The world is known now (the embedded control plane came up, say), or failed to come up.
  case world(ConsoleState.World)
  /// Starting or connecting failed; the message says why.
  case failed(String)
  /// An operation's edit was made (with its change-id) or refused (with the reason, the
  /// server's field errors and, after a conflict, the object as it is now).
  case operationFinished(id: Int, changeID: String?, failure: OperationError?)
  /// The operator's editor closed on a route's YAML: the text as saved, or why it failed.
  case editorClosed(EditorRequest, Result<String, ExternalEditor.Failure>)
  /// The contexts `:ctx` offers, as the kubeconfig reads now.
  case contexts(ConsoleContexts)
  /// The connection was replaced by one to this world: drop everything of the old one.
  case contextSwitched(ConsoleState.World)
  /// A switch to this context was refused before the old connection was touched; why.
  case contextRefused(name: String, reason: String)
}

/// What the reducer asks the outside world to do; results come back as events.
enum ConsoleEffect: Equatable, Sendable {
  /// Follow exactly these pods' logs.
  case followLogs(Set<LogSource>)
  /// Carry out an operation; its result comes back as `operationFinished` with the same id.
  case operate(id: Int, ConsoleOperation)
  /// Keep exactly these kinds (beyond the AI kinds) watched, as Tables.
  case watchKinds([APIResource])
  /// Leave with this exit status.
  case quit(Int32)
  /// Stop waiting out the informers' reconnect backoff and try the API server now.
  case reconnectNow
  /// Replace the connection by one to this context (`:ctx`).
  case switchContext(ConsoleContext)
  /// Read the kubeconfig's contexts again; they come back as `contexts`.
  case readContexts
}
