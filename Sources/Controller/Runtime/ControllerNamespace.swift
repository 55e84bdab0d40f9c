import ClusterClient
import KubeCore
import Logging

/// The namespace the controller keeps its leader-election Lease in (`aiconsole-system`): made
/// sure of before the election starts, so that a cluster without it gets the namespace created,
/// or a clear error naming what to create, instead of an election that retries a 404 forever.
public struct ControllerNamespace: Sendable {
  static let namespaces = CoreResources.namespaces

  public var client: KubeClient
  public var name: String
  public var logger: Logger

  public init(client: KubeClient, name: String, logger: Logger) {
    self.client = client
    self.name = name
    self.logger = logger
  }

  /// The namespace is missing and this identity may not create it.
  public struct Missing: Error, CustomStringConvertible {
    /// The namespace to create.
    public var namespace: String
    /// What the API server answered to the create.
    public var refusal: String

    public var description: String {
      "namespace \"\(namespace)\" does not exist and the controller may not create it (\(refusal)); "
        + "create it with `kubectl create namespace \(namespace)`, or give --lease-namespace an existing namespace"
    }
  }

  /// Creates the namespace when it does not exist. Throws `Missing` when it does not exist and the
  /// create is forbidden; when even reading it is forbidden, tries the create and goes on if that
  /// is refused too (the election then reports what the Lease writes answer).
  public func ensure() async throws {
    do {
      _ = try await client.get(Self.namespaces, name: name)
      return
    } catch KubeError.notFound {
      try await create(knownMissing: true)
    } catch KubeError.forbidden {
      try await create(knownMissing: false)
    }
  }

  private func create(knownMissing: Bool) async throws {
    let namespace: JSONValue = ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]]
    do {
      _ = try await client.create(Self.namespaces, namespace)
      logger.info("created namespace \(name)", metadata: ["namespace": "\(name)"])
    } catch KubeError.alreadyExists {
      return
    } catch KubeError.forbidden(let status) {
      if knownMissing { throw Missing(namespace: name, refusal: status.message) }
      logger.warning(
        "cannot read or create namespace \(name); assuming it exists",
        metadata: ["namespace": "\(name)", "reason": "\(status.reason)", "error": "\(status.message)"])
    }
  }
}
