import ClusterClient
import KubeCore
import Logging

/// Seeds the demo application once. Every object is created with a plain POST, so an object that
/// is already there, as the operator left it, is never overwritten; the marker ConfigMap
/// `demo/aiconsole-demo` is written last, and while it exists nothing is created again — an
/// object the operator deleted stays deleted. A seed cut short (serve stopped half-way) has no
/// marker and completes at the next start. Deleting the namespace resets the demo.
public struct DemoSeed: Sendable {
  /// What a run did.
  public enum Outcome: Sendable, Equatable {
    /// Created these objects (the ones missing) and the marker.
    case seeded(created: Int)
    /// The marker was there: the demo was seeded by an earlier start.
    case alreadySeeded
  }

  let client: KubeClient
  let logger: Logger

  public init(client: KubeClient, logger: Logger) {
    self.client = client
    self.logger = logger
  }

  static let marker = DemoObject.core(
    CoreResources.configMaps,
    [
      "apiVersion": "v1", "kind": "ConfigMap",
      "metadata": [
        "name": .string(DemoApplication.markerName), "namespace": .string(DemoApplication.namespace),
        "labels": ["app.kubernetes.io/part-of": "aiconsole-demo"],
      ],
      "data": ["seeded": "true", "note": "delete namespace demo to seed the demo again at the next start"],
    ])

  /// Creates what is missing, unless an earlier start finished seeding.
  public func run() async throws -> Outcome {
    if try await exists(Self.marker) { return .alreadySeeded }
    var created = 0
    for object in try DemoObjects.all() where try await create(object) { created += 1 }
    _ = try await create(Self.marker)
    logger.info("seeded the demo application", metadata: ["namespace": "\(DemoApplication.namespace)"])
    return .seeded(created: created)
  }

  private func exists(_ object: DemoObject) async throws -> Bool {
    let name = object.body[path: ["metadata", "name"]]?.stringValue ?? ""
    do {
      _ = try await client.get(object.resource, name: name, namespace: DemoApplication.namespace)
      return true
    } catch KubeError.notFound {
      return false
    } catch let error as KubeError {
      throw DemoError.seedFailed(object.description, error)
    }
  }

  /// Creates `object`; false when it already exists, which is left untouched.
  private func create(_ object: DemoObject) async throws -> Bool {
    do {
      _ = try await client.create(object.resource, object.body, fieldManager: "aiconsole-demo")
      return true
    } catch KubeError.alreadyExists {
      return false
    } catch let error as KubeError {
      throw DemoError.seedFailed(object.description, error)
    }
  }
}
