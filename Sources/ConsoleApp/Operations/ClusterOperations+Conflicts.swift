import ClusterClient
import KubeCore

extension ClusterOperations {
  /// How many times an edit whose conflict is not the operator's (a status write in between) is
  /// sent, each time on the newer resourceVersion, as client-go's `RetryOnConflict` does.
  static let conflictAttempts = 5

  /// Sends a write conditional on `resourceVersion` (none: unconditional). The controller
  /// answers every change-id with a status update, which bumps the resourceVersion without
  /// touching what the operator changes; so on a 409 the object is read again and, while
  /// `stillAsOpened` says nothing the operator edits has moved, the write is sent again on the
  /// current resourceVersion. Otherwise the conflict is the operator's: a `conflict` error
  /// carrying the object as it is now, and `text`.
  func sendRetryingForeignConflicts(
    _ kind: OperationKind, _ name: String, resourceVersion: JSONValue?, text: String? = nil,
    stillAsOpened: (_ current: JSONValue) -> Bool,
    _ write: (_ resourceVersion: JSONValue?) async throws -> JSONValue
  ) async throws -> JSONValue {
    var version = resourceVersion
    var attempt = 1
    while true {
      do {
        return try await write(version)
      } catch KubeError.conflict(let status) {
        let current = try? await object(kind, name)
        guard let current, attempt < Self.conflictAttempts, stillAsOpened(current) else {
          throw OperationError(.conflict, KubeError.conflict(status).description, current: current, text: text)
        }
        attempt += 1
        version = current[path: ["metadata", "resourceVersion"]]
      }
    }
  }
}
