import Foundation
import KubeCore

/// Keeps `metadata.managedFields` as kube-apiserver does: every write is made by a manager (the
/// request's `fieldManager`, else its User-Agent's product), which comes to own what its write
/// added or changed and takes it from the others; a server-side apply owns exactly the fields its
/// configuration sets, may not change a field another manager owns unless forced (409
/// `FieldManagerConflict`), and removes the fields it set before, owned alone, and now leaves out.
struct FieldManager: Sendable {
  var manager: String
  var operation: ManagedFieldsEntry.Operation
  /// `status` or `scale` when the write went through a subresource.
  var subresource: String?
  /// `force=true`: an apply takes over the fields other managers own.
  var force = false
  /// The object's `apiVersion`, which an entry records.
  var apiVersion: String
  var now: Date
  var fields: ObjectFields
  /// Whether the kind has a status subresource: then a write of the object leaves its status
  /// alone and a status write only its status, so only those are compared.
  var hasStatus: Bool

  /// At most this many `Update` entries are kept; the oldest beyond them are merged into one
  /// entry named `ancient-changes`, as kube-apiserver caps them.
  static let maximumUpdaters = 10

  /// The manager a request writes as: its `fieldManager`, else the product of its User-Agent
  /// (`kubectl` of `kubectl/v1.32.0 (linux/amd64)`), as kube-apiserver names it.
  static func name(fieldManager: String?, userAgent: String?) throws(StatusError) -> String {
    if let fieldManager, !fieldManager.isEmpty {
      guard fieldManager.count <= 128 else {
        throw APIServer.patchOption(
          "fieldManager", reason: "FieldValueInvalid",
          "Invalid value: \"\(fieldManager)\": must be no more than 128 characters")
      }
      guard fieldManager.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
        throw APIServer.patchOption(
          "fieldManager", reason: "FieldValueInvalid",
          "Invalid value: \"\(fieldManager)\": must only contain printable characters")
      }
      return fieldManager
    }
    let product = (userAgent ?? "").split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first
    return String((product.map(String.init) ?? "").prefix(128))
  }

  /// What an apply of `config` makes of `live`: the configuration merged in, and the fields this
  /// applier set before, owned by nobody else and now left out, removed.
  func applied(_ config: JSONValue, to live: JSONValue?) throws(StatusError) -> JSONValue {
    let merger = ApplyMerge(fields: fields)
    let merged = merger.merge(config, into: live)
    let entries = try Self.entries(of: live)
    let mine = identity
    let previous = entries.first { $0.identity == mine }?.fields ?? FieldSet()
    let others = entries.filter { $0.identity != mine }.reduce(FieldSet()) { $0.union($1.fields) }
    let dropped = previous.subtracting(configuredFields(config)).subtracting(others)
    return merger.removing(dropped.paths, from: merged)
  }

  /// The fields an apply configuration sets that a manager can own.
  private func configuredFields(_ config: JSONValue) -> FieldSet {
    Self.withoutServerFields(written(config).map(fields.leaves(of:)) ?? FieldSet())
  }

  private var identity: ManagedFieldsEntry.Identity {
    ManagedFieldsEntry.Identity(
      manager: manager, operation: operation, subresource: subresource,
      apiVersion: operation == .apply ? nil : apiVersion)
  }

  /// The entries an object carries.
  static func entries(of object: JSONValue?) throws(StatusError) -> [ManagedFieldsEntry] {
    let list = object?["metadata"]?["managedFields"]?.arrayValue ?? []
    var entries: [ManagedFieldsEntry] = []
    for (index, json) in list.enumerated() { entries.append(try ManagedFieldsEntry(json: json, index: index)) }
    return entries
  }

  /// The object's `managedFields` after this write turned `live` (nil for a create) into
  /// `result`. An update's own `managedFields`, when it sends some, replace the live ones (a
  /// client may edit them); a subresource's never do. Throws the 409 of an apply's conflicts.
  func managedFields(live: JSONValue?, result: JSONValue, requested: JSONValue?, applied config: JSONValue?)
    throws(StatusError) -> JSONValue
  {
    var entries = try baseEntries(live: live, requested: requested)
    let comparison = fields.compare(written(live), written(result))
    let changed = comparison.changed
    let mine = identity
    if operation == .apply, !force { try refuseConflicts(entries, changed: changed, mine: mine) }
    for index in entries.indices where entries[index].identity != mine {
      entries[index].fields = entries[index].fields.subtracting(changed).subtracting(comparison.removed)
    }
    let previous = entries.first { $0.identity == mine }
    var owned: FieldSet
    if let config {
      owned = configuredFields(config)
    } else {
      owned = (previous?.fields ?? FieldSet()).subtracting(comparison.removed).union(changed)
    }
    owned = Self.withoutServerFields(owned)
    let touched = !changed.isEmpty || !comparison.removed.isEmpty || previous?.fields != owned
    let time = subresource == "scale" ? nil : (touched ? Timestamps.format(now) : previous?.time)
    entries.removeAll { $0.identity == mine }
    entries.append(
      ManagedFieldsEntry(
        manager: manager, operation: operation, apiVersion: apiVersion, subresource: subresource, time: time,
        fields: owned))
    entries.removeAll { $0.fields.isEmpty }
    return .array(Self.capped(entries).sorted(by: ManagedFieldsEntry.ordered).map(\.json))
  }

  private func baseEntries(live: JSONValue?, requested: JSONValue?) throws(StatusError) -> [ManagedFieldsEntry] {
    if subresource == nil, let requested, let list = requested["metadata"]?["managedFields"]?.arrayValue,
      !list.isEmpty, let entries = try? Self.entries(of: requested), !entries.isEmpty
    {
      return entries
    }
    return try Self.entries(of: live)
  }

  /// The 409 of an apply that would change fields other managers own.
  private func refuseConflicts(
    _ entries: [ManagedFieldsEntry], changed: FieldSet, mine: ManagedFieldsEntry.Identity
  ) throws(StatusError) {
    var conflicts: [(ManagedFieldsEntry, FieldPath)] = []
    for entry in entries where entry.identity != mine {
      for path in entry.fields.intersection(changed).paths { conflicts.append((entry, path)) }
    }
    guard !conflicts.isEmpty else { return }
    throw ApplyConflict(conflicts).status
  }

  /// The part of an object this write may change: its status alone through `status`, all but
  /// its status otherwise when the kind has a status subresource.
  private func written(_ object: JSONValue?) -> JSONValue? {
    guard hasStatus, var owned = Self.owned(object) else { return Self.owned(object) }
    if subresource == "status" { return owned["status"].map { ["status": $0] } }
    owned["status"] = nil
    return owned
  }

  /// The part of an object whose fields managers can own.
  static func owned(_ object: JSONValue?) -> JSONValue? {
    guard var object else { return nil }
    object["apiVersion"] = nil
    object["kind"] = nil
    for field in [
      "name", "namespace", "creationTimestamp", "selfLink", "uid", "generation", "managedFields", "resourceVersion",
    ] {
      object["metadata"]?[field] = nil
    }
    if object["metadata"]?.objectValue?.isEmpty == true { object["metadata"] = nil }
    return object
  }

  /// `set` without the metadata map itself, which nobody owns (its fields they may).
  static func withoutServerFields(_ set: FieldSet) -> FieldSet {
    var set = set
    set.isMember = false
    set.children[.field("metadata")]?.isMember = false
    return set
  }

  /// The entries with the oldest `Update` ones beyond the cap merged into `ancient-changes`.
  static func capped(_ entries: [ManagedFieldsEntry]) -> [ManagedFieldsEntry] {
    let updaters = entries.filter { $0.operation == .update }.sorted(by: ManagedFieldsEntry.ordered)
    guard updaters.count > maximumUpdaters else { return entries }
    let oldest = updaters.prefix(updaters.count - maximumUpdaters + 1)
    let merged = oldest.reduce(FieldSet()) { $0.union($1.fields) }
    let ancient = ManagedFieldsEntry(
      manager: "ancient-changes", operation: .update, apiVersion: oldest.last?.apiVersion ?? "", subresource: nil,
      time: oldest.last?.time, fields: merged)
    let gone = Set(oldest.map(\.identity))
    return entries.filter { !gone.contains($0.identity) } + [ancient]
  }
}
