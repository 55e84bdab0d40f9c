import ClusterClient
import Foundation
import KubeCore

@testable import ConsoleApp

/// A cache with families and noise around them, held both ways the detail can read it: as the
/// `related` lists a scan walks and as a `ResourceStore` fed the same objects by informer events,
/// whose `OwnerIndex` the detail looks up instead.
struct DetailIndexWorld {
  typealias F = DetailFixtures

  var related: [String: [JSONValue]] = [:]
  var store = ResourceStore()

  /// The detail fixtures' objects, and two namespaces of generated families beside them.
  init() {
    for context in [F.clusterContext, F.serviceContext(), F.crashLoopContext] {
      for (kind, items) in context.related { add(kind, items) }
    }
    for namespace in ["default", "team-b"] {
      for service in 0..<3 { addFamily("svc\(service)", namespace: namespace) }
    }
    // A pod naming an owner that is not cached, and one labelled for a cluster that is not.
    add("Pod", [Self.pod("stray-1", namespace: "default", cluster: "gone", owner: "uid-gone")])
    add("Pod", [Self.pod("stray-2", namespace: "team-b", cluster: "svc0-c0", owner: nil)])
    feed()
  }

  init(_ context: DetailContext) {
    for (kind, items) in context.related { add(kind, items) }
    feed()
  }

  /// `context` reading the world by a scan (the lists sorted by `namespace/name`, the order the
  /// index answers in; the store's own lists are in no order).
  func scanned(_ context: DetailContext) -> DetailContext {
    var context = context
    context.related = related
    return context
  }

  /// `context` reading the world through the store's index.
  func indexed(_ context: DetailContext) -> DetailContext {
    var context = scanned(context)
    context.index = store.ownerIndex
    return context
  }

  private mutating func add(_ kind: String, _ items: [JSONValue]) {
    let known = Set((related[kind] ?? []).map(ResourceStore.key))
    related[kind, default: []] += items.filter { !known.contains(ResourceStore.key($0)) }
    related[kind]?.sort { ResourceStore.key($0) < ResourceStore.key($1) }
  }

  /// An AIApplication listing a service, which owns two clusters and labels a third; each
  /// cluster with pods owned, labelled or both, a revision and events.
  private mutating func addFamily(_ service: String, namespace: String) {
    let uid = "uid-\(namespace)-\(service)"
    add(
      "AIApplication",
      [
        [
          "apiVersion": "ai.aiconsole.dev/v1", "kind": "AIApplication",
          "metadata": [
            "name": .string("app-\(service)"), "namespace": .string(namespace),
            "uid": .string("uid-\(namespace)-app-\(service)"),
          ],
          "spec": ["services": [["name": .string(service)]]],
        ]
      ])
    add(
      "InferenceService",
      [
        [
          "apiVersion": "ai.aiconsole.dev/v1", "kind": "InferenceService",
          "metadata": ["name": .string(service), "namespace": .string(namespace), "uid": .string(uid)],
        ]
      ])
    for index in 0..<3 {
      let name = "\(service)-c\(index)"
      let clusterUID = "uid-\(namespace)-\(name)"
      var metadata: JSONValue = [
        "name": .string(name), "namespace": .string(namespace), "uid": .string(clusterUID),
        "labels": [InferenceServiceKind.clusterLabel: .string(service)],
      ]
      if index < 2 { metadata["ownerReferences"] = [F.owner("InferenceService", service, uid)] }
      add("AICluster", [["apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": metadata]])
      for pod in 0..<3 {
        let owner: String? = pod == 2 ? nil : clusterUID
        add("Pod", [Self.pod("\(name)-p\(pod)", namespace: namespace, cluster: name, owner: owner)])
      }
      add(
        "ControllerRevision",
        [
          [
            "apiVersion": "apps/v1", "kind": "ControllerRevision", "revision": .int(Int64(index + 1)),
            "metadata": [
              "name": .string("\(name)-rev"), "namespace": .string(namespace), "creationTimestamp": F.ago(100 * index),
              "ownerReferences": [F.owner("AICluster", name, clusterUID)],
            ],
          ]
        ])
      add(
        "Event",
        [
          Self.event(
            "\(name)-warn", about: "AICluster", name, namespace: namespace, uid: clusterUID, type: "Warning",
            ago: 10 + index),
          Self.event(
            "\(name)-p0-pulled", about: "Pod", "\(name)-p0", namespace: namespace, uid: "uid-\(namespace)-\(name)-p0",
            type: "Normal", ago: 50 + index),
        ])
    }
  }

  static func pod(_ name: String, namespace: String, cluster: String, owner: String?) -> JSONValue {
    var metadata: JSONValue = [
      "name": .string(name), "namespace": .string(namespace), "uid": .string("uid-\(namespace)-\(name)"),
      "creationTimestamp": F.ago(600), "labels": [AIClusterKind.podLabel: .string(cluster)],
    ]
    if let owner { metadata["ownerReferences"] = [F.owner("AICluster", cluster, owner)] }
    return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "status": ["phase": "Running"]]
  }

  static func event(
    _ name: String, about kind: String, _ subject: String, namespace: String, uid: String, type: String, ago: Int
  ) -> JSONValue {
    [
      "apiVersion": "v1", "kind": "Event",
      "metadata": ["name": .string(name), "namespace": .string(namespace), "uid": .string("uid-ev-\(name)")],
      "involvedObject": [
        "kind": .string(kind), "name": .string(subject), "namespace": .string(namespace), "uid": .string(uid),
      ],
      "reason": "Seen", "message": .string(name), "type": .string(type), "count": 1,
      "firstTimestamp": F.ago(ago), "lastTimestamp": F.ago(ago),
    ]
  }

  /// Feeds `related` to the store as the informers would: AI kinds as kinds, pods, events and
  /// revisions by their feeds, any other kind as a viewed one.
  private mutating func feed() {
    let feeds: [String: RelatedFeed] = ["Pod": .pods, "Event": .events, "ControllerRevision": .revisions]
    let aiKinds = KindRegistry.ours.all.map(\.resource.kind)
    let ai = related.keys.filter(aiKinds.contains).sorted().map { F.resource($0) }
    let viewed = related.keys.filter { feeds[$0] == nil && !aiKinds.contains($0) }.sorted().map {
      APIResource(group: "", version: "v1", name: $0.lowercased() + "s", kind: $0, namespaced: $0 != "Node")
    }
    _ = store.setKinds(ai)
    store.setViewed(viewed)
    for (kind, items) in related {
      for item in items {
        if let feed = feeds[kind] {
          store.applyRelated(feed, .added(item))
        } else if let resource = ai.first(where: { $0.kind == kind }) {
          _ = store.apply(resource, .added(item))
        } else if let resource = viewed.first(where: { $0.kind == kind }) {
          _ = store.applyViewed(resource, .change(.added(item), cells: []))
        }
      }
    }
  }
}
