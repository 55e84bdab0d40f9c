import ClusterClient
import Foundation

extension ConsoleLaunch {
  /// Runs the console's operations with the same code as the CLI commands: one edit each, with
  /// a change-id and field manager `aiconsole`, recorded in the state directory's audit log.
  func operationRunner(client: KubeClient, readOnly: Bool)
    -> @Sendable (ConsoleOperation) async -> (changeID: String?, failure: OperationError?)
  {
    let audit = AuditLog(stateDirectory: stateDirectory)
    return { operation in
      let ref = operation.target
      guard let kind = OperationKind(ref) else {
        return (nil, OperationError(.badInput, "\(ref.kind) has no operations in aiconsole"))
      }
      let operations = ClusterOperations(client: client, namespace: ref.namespace, readOnly: readOnly, audit: audit)
      do throws(OperationError) {
        return (try await Self.run(operation, kind, on: operations).changeID, nil)
      } catch {
        return (nil, error)
      }
    }
  }

  private static func run(_ operation: ConsoleOperation, _ kind: OperationKind, on operations: ClusterOperations)
    async throws(OperationError) -> OperationResult
  {
    let name = operation.target.name
    switch operation {
    case .scale(_, let replicas): return try await operations.scale(kind, name, replicas: replicas)
    case .pause(_, let paused): return try await operations.setPaused(name, paused)
    case .canaryTraffic(_, let percent): return try await operations.setCanaryTraffic(name, percent: percent)
    case .canaryPromote: return try await operations.promoteCanary(name)
    case .canaryAbort: return try await operations.abortCanary(name)
    case .delete: return try await operations.delete(kind, name)
    case .rollback(_, let revision): return try await operations.rollback(kind, name, toRevision: revision)
    case .editRoute(_, let route): return try await operations.editRoute(name, object: route)
    }
  }
}
