import Foundation
import KubeCore
import Views

/// The owner/owned tree around the selected object, from the top of its family down:
/// AIApplication → InferenceService → AICluster → Pods, and for other kinds whatever owner
/// references link. Built as `TreeNode`s for the Views tree widget, every node expanded.
struct DetailTree: Sendable {
  /// How far up and down the tree goes; a guard against owner-reference cycles too.
  static let maxDepth = 6
  /// How many children of one node are listed before a `… N more` line.
  static let maxChildren = 20

  /// The relations to walk.
  var relations: DetailRelations
  /// Ages and states are measured at this time.
  var now: Date

  /// The tree's root nodes (one: the topmost ancestor found) for `object`.
  func roots(for object: JSONValue) -> [TreeNode] {
    var root = object
    var seen: Set<String> = [DetailRelations.identity(of: object)]
    for _ in 0..<Self.maxDepth {
      guard let parent = relations.parent(of: root), seen.insert(DetailRelations.identity(of: parent)).inserted
      else { break }
      root = parent
    }
    return [node(for: root, depth: 0)]
  }

  /// The ids of every node, to expand them all.
  static func ids(_ nodes: [TreeNode]) -> Set<String> {
    Set(nodes.flatMap { [$0.id] + ids($0.children) })
  }

  private func node(for object: JSONValue, depth: Int) -> TreeNode {
    let (state, role) = Self.state(of: object, now: now)
    let label = "\(DetailFields.kind(object))/\(DetailFields.name(object))" + (state.isEmpty ? "" : "  \(state)")
    guard depth < Self.maxDepth else {
      return TreeNode(id: DetailRelations.identity(of: object), label: label, role: role)
    }
    let children = relations.children(of: object)
    var nodes = children.prefix(Self.maxChildren).map { node(for: $0, depth: depth + 1) }
    if children.count > Self.maxChildren {
      let id = DetailRelations.identity(of: object) + "/more"
      nodes.append(TreeNode(id: id, label: "… \(children.count - Self.maxChildren) more", role: .muted))
    }
    return TreeNode(id: DetailRelations.identity(of: object), label: label, role: role, children: nodes)
  }

  /// A word or two on an object's health: a Pod's phase and readiness (or why it waits),
  /// another object's `Ready` condition.
  static func state(of object: JSONValue, now: Date) -> (String, ThemeRole?) {
    if DetailFields.kind(object) == CoreResources.pods.kind && DetailFields.group(object).isEmpty {
      let pod = DetailInstance(object, now: now)
      return ("\(pod.reason.isEmpty ? pod.phase : pod.reason) \(pod.ready)", pod.role)
    }
    let ready = DetailCondition.all(of: object, now: now).first { $0.type == "Ready" }
    guard let ready else { return ("", nil) }
    let word =
      switch ready.status {
      case "True": "Ready"
      case "False": ready.reason.isEmpty ? "NotReady" : ready.reason
      default: "Unknown"
      }
    return (word, ready.role)
  }
}
