import AIResources
import ClusterClient
import Foundation
import KubeCore

/// The operations an operator performs on AI objects, shared by the console and the CLI. Each is
/// one ordinary edit of a custom resource, made as field manager `aiconsole` and stamped with a
/// fresh `ai.aiconsole.dev/change-id`, that the controller then reconciles; each returns an
/// `OperationResult` or throws an `OperationError`, and each is recorded in the audit log.
struct ClusterOperations: Sendable {
  let client: KubeClient
  /// The namespace the objects live in.
  let namespace: String
  /// When set, every operation is refused before any request is sent.
  let readOnly: Bool
  /// Where each operation is recorded; nil records nothing.
  let audit: AuditLog?
  /// Mints change-ids (injected so that tests can name them).
  let makeChangeID: @Sendable () -> String

  /// Operations on `client`'s objects in `namespace`.
  init(
    client: KubeClient, namespace: String, readOnly: Bool = false, audit: AuditLog? = nil,
    makeChangeID: @escaping @Sendable () -> String = ChangeID.make
  ) {
    self.client = client
    self.namespace = namespace
    self.readOnly = readOnly
    self.audit = audit
    self.makeChangeID = makeChangeID
  }

  /// Runs one operation: refuses it when read-only, gives it a change-id, and records the
  /// outcome in the audit log whatever it is. A failure to write the audit log does not undo or
  /// fail an edit the server already made.
  func perform(
    _ action: String, _ kind: OperationKind, _ name: String, text: String? = nil,
    _ body: (_ changeID: String) async throws -> OperationResult
  ) async throws(OperationError) -> OperationResult {
    let object = "\(namespace)/\(kind.singular)/\(name)"
    try checkWritable(action, kind, name, text: text)
    let changeID = makeChangeID()
    do {
      let result = try await body(changeID)
      record(action, object, changeID: changeID, error: nil)
      return result
    } catch {
      let failure = OperationError(error, text: text)
      record(action, object, changeID: changeID, error: failure)
      throw failure
    }
  }

  /// Refuses (and records) an operation in read-only mode; a UI calls it before opening an
  /// editor or a form, so that nobody types an edit that cannot be saved.
  func checkWritable(_ action: String, _ kind: OperationKind, _ name: String, text: String? = nil)
    throws(OperationError)
  {
    guard readOnly else { return }
    let error = OperationError(
      .readOnly, "read-only mode: \(action) of \(kind.singular)/\(name) refused, nothing was changed", text: text)
    record(action, "\(namespace)/\(kind.singular)/\(name)", changeID: nil, error: error)
    throw error
  }

  private func record(_ action: String, _ object: String, changeID: String?, error: OperationError?) {
    try? audit?.append(
      AuditLog.Entry(time: Date(), action: action, object: object, changeID: changeID, error: error?.message))
  }

  /// Reads one object.
  func object(_ kind: OperationKind, _ name: String) async throws -> JSONValue {
    try await client.get(kind.resource, name: name, namespace: namespace)
  }

  /// Merge-patches fields of `base`, the object as read, stamped with the change-id and the
  /// generation the patch gives it, and returns the result.
  func patch(
    _ kind: OperationKind, _ name: String, base: JSONValue, action: String, changes: [FieldChange],
    changeID: String, summary: String
  ) async throws -> OperationResult {
    let stamp = ChangeStamp(id: changeID, editing: base, changesSpec: FieldChange.changesSpec(changes))
    let after = try await sendStamped(kind, name, base: base, changes: changes, stamp: stamp)
    return OperationResult(
      action: action, target: "\(kind.singular)/\(name)", changeID: changeID, changes: changes, object: after,
      summary: summary)
  }

  /// Sends `changes` (none: the stamp alone) as a merge patch of `base`, conditional on its
  /// resourceVersion so that the stamped generation is exact; a conflict only a status write
  /// caused is sent again.
  func sendStamped(
    _ kind: OperationKind, _ name: String, base: JSONValue, changes: [FieldChange], stamp: ChangeStamp
  ) async throws -> JSONValue {
    try await sendRetryingForeignConflicts(
      kind, name, resourceVersion: base[path: ["metadata", "resourceVersion"]],
      stillAsOpened: { Self.changedOnlyOutsideTheEdit($0, base) }
    ) { version in
      var body = FieldChange.mergePatch(changes, stamp: stamp)
      if let version { body.set(version, at: ["metadata", "resourceVersion"]) }
      return try await client.patch(
        kind.resource, name: name, namespace: namespace, .merge(body), fieldManager: ChangeID.fieldManager)
    }
  }
}
