import ClusterClient
import Foundation
import KubeCore

/// What the detail, YAML and describe views of one object are drawn from: the object and the
/// cached objects around it, gathered by the console from its informers. A value, so that the
/// views stay pure functions of it.
struct DetailContext: Sendable {
  /// The selected object, as the server returned it.
  var object: JSONValue
  /// Its kind (group, version, plural, kind, namespaced).
  var resource: APIResource
  /// Every cached object the console knows, by kind name (`AICluster`, `Pod`, `ControllerRevision`,
  /// `Event`, `InferenceService`, …); the views pick the object's pods, revisions, events and its
  /// owner/owned tree from these.
  var related: [String: [JSONValue]] {
    // The index describes `related` as gathered: once changed by hand it would answer wrong.
    didSet { index = nil }
  }
  /// What the console knows of each kind: the links to pods and children, the summary fields.
  var registry = KindRegistry.ours
  /// The time ages are measured against.
  var now: Date
  /// The metrics read so far: a Node's detail draws its GPUs from the DCGM series.
  var metrics = MetricsBoard()
  /// The store's index of the objects in `related`, so that the detail looks up the selection's
  /// family instead of scanning them all; nil where `related` was gathered by hand.
  var index: OwnerIndex?
}
