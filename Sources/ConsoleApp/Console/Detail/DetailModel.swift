import Foundation
import KubeCore
import Views

/// Everything the detail pane shows about one object, worked out once from a `DetailContext`
/// (it reads the whole cache, so build it when the selection or the cache changes, not per frame).
struct DetailModel: Hashable, Sendable {
  /// Kind, name, age, labels and a spec summary.
  var summary: DetailSummary
  /// `status.conditions`, in the server's order.
  var conditions: [DetailCondition]
  /// Generation against observed generation, and the last reconcile.
  var reconcile: DetailReconcile
  /// The Pods serving the object.
  var instances: [DetailInstance]
  /// Whether the object is a kind that has instances, so that none is worth saying.
  var hasInstances: Bool
  /// Its ControllerRevisions, newest first.
  var revisions: [DetailRevision]
  /// The Events about it and every object under it (`DetailSubtree`), warnings first, each
  /// kind newest first.
  var events: [DetailEvent]
  /// What only a core kind has: a Pod's containers, a Node's resources, GPUs and pods.
  var core: DetailCore?
  /// The owner/owned tree around it.
  var tree: [TreeNode]
  /// The tree node of the object itself (drawn selected).
  var treeSelection: String
  /// The time ages were measured at.
  var now: Date
  /// An AIApplication's `status.slo`, burning targets first.
  var slo: SLOReport?

  /// The model of `context.object`.
  init(_ context: DetailContext) {
    let object = context.object
    // Through the index, the relations read no kind's objects whole but the Events.
    let eventKind = CoreResources.events.kind
    let relations = DetailRelations(
      related: context.index == nil ? context.related : [eventKind: context.related(kind: eventKind)],
      registry: context.registry, index: context.index)
    let descriptor = context.registry.descriptor(of: object)
    core = DetailCore(context)
    let fields = core?.fields ?? (descriptor?.summary ?? KindDescriptor.flattenedSpec)(object)
    summary = DetailSummary(object, fields: fields, now: context.now)
    conditions = DetailCondition.all(of: object, now: context.now)
    reconcile = DetailReconcile(object, now: context.now)
    instances = relations.pods(of: object).map { DetailInstance($0, now: context.now) }
      .sorted { $0.name < $1.name }
    hasInstances = descriptor?.hasInstances ?? false
    revisions = DetailRevision.all(relations.revisions(of: object), of: object, now: context.now)
    let subtree = DetailSubtree(of: object, relations: relations)
    events = DetailEvent.warningsFirst(
      context.index.map(subtree.events(in:))
        ?? subtree.events(among: context.related(kind: eventKind)))
    tree = DetailTree(relations: relations, now: context.now).roots(for: object)
    treeSelection = DetailRelations.identity(of: object)
    now = context.now
    slo = object["kind"]?.stringValue == "AIApplication" ? SLOReport(object) : nil
  }

  /// The pane's title: `AICluster default/llama-pool`.
  var title: String { "\(summary.kind) \(summary.qualifiedName)" }
}
