import Foundation
import KubeCore

/// One ControllerRevision of the selected object: a template it ran, and so a rollback target.
struct DetailRevision: Hashable, Sendable {
  /// The revision's name.
  var name: String
  /// Its number (`revision`); the newest is the highest.
  var number: Int64
  /// What it holds, in a few words (`llama-3-8b v1.0.0`, `modelRef llama-v2`).
  var holds: String
  /// Time since it was created.
  var age: String
  /// Whether the object runs it now.
  var isCurrent: Bool

  /// The revisions `object` owns, newest first, with the current one marked: the one
  /// `status.currentRevision` names, the one whose `modelRef` the spec names, or the newest.
  static func all(_ revisions: [JSONValue], of object: JSONValue, now: Date) -> [DetailRevision] {
    let sorted = revisions.sorted { ($0["revision"]?.intValue ?? 0) > ($1["revision"]?.intValue ?? 0) }
    let currentName = DetailFields.text(object, "status", "currentRevision")
    let modelRef = DetailFields.text(object, "spec", "modelRef", "name")
    let current =
      sorted.first { currentName != nil && DetailFields.name($0) == currentName }
      ?? sorted.first { modelRef != nil && DetailFields.text($0, "data", "modelRef", "name") == modelRef }
      ?? sorted.first
    return sorted.map { revision in
      DetailRevision(
        name: DetailFields.name(revision), number: revision["revision"]?.intValue ?? 0,
        holds: holds(revision["data"] ?? .null),
        age: DetailTime.age(DetailFields.text(revision, "metadata", "creationTimestamp"), now: now),
        isCurrent: current.map { DetailRelations.identity(of: $0) == DetailRelations.identity(of: revision) } ?? false)
    }
  }

  /// The model and version a revision's data names, its `modelRef`, and its image.
  static func holds(_ data: JSONValue) -> String {
    var parts: [String] = []
    if let ref = DetailFields.text(data, "modelRef", "name") { parts.append(ref) }
    let model = [DetailFields.text(data, "modelName"), DetailFields.text(data, "modelVersion")].compactMap { $0 }
    if !model.isEmpty { parts.append(model.joined(separator: " ")) }
    if let image = DetailFields.text(data, "image") { parts.append(image) }
    if parts.isEmpty {
      return DetailFields.flatten(data).prefix(3).map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }
    return parts.joined(separator: " · ")
  }
}
