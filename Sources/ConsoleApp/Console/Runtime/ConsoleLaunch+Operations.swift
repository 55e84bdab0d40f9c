import ClusterClient
import Foundation
import KubeCore

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
        if case .delete = operation {
          return await Self.deleteObject(ref, client: client, readOnly: readOnly, audit: audit)
        }
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
    case .canaryStart(_, let model, let percent, let analysis):
      return try await operations.startCanary(name, model: model, percent: percent, analysis: analysis)
    case .delete: return try await operations.delete(kind, name)
    case .rollback(_, let revision): return try await operations.rollback(kind, name, toRevision: revision)
    case .editRoute(_, let route): return try await operations.editRoute(name, object: route)
    }
  }

  /// Deletes an object of a kind with no operations of its own (a Pod, a ConfigMap), found
  /// through discovery, with background propagation as `kubectl delete` does; recorded in the
  /// audit log like every other operation.
  private static func deleteObject(_ ref: ObjectIdentity, client: KubeClient, readOnly: Bool, audit: AuditLog) async
    -> (changeID: String?, failure: OperationError?)
  {
    let object = "\(ref.namespace.isEmpty ? "" : "\(ref.namespace)/")\(ref.target)"
    let failure: OperationError?
    if readOnly {
      failure = OperationError(.badInput, "read-only: delete is disabled (started with --readonly)")
    } else {
      do {
        guard let resource = try await APIDiscovery.catalog(client).resource(group: ref.group, kind: ref.kind) else {
          throw OperationError(.badInput, "\(ref.kind) is not served by this cluster")
        }
        _ = try await client.delete(
          resource, name: ref.name, namespace: ref.namespace.isEmpty ? nil : ref.namespace, propagation: .background)
        failure = nil
      } catch let error as OperationError {
        failure = error
      } catch {
        failure = OperationError(error)
      }
    }
    try? audit.append(
      AuditLog.Entry(time: Date(), action: "delete", object: object, changeID: nil, error: failure?.message))
    return (nil, failure)
  }
}
