import AIResources
import ClusterClient
import KubeCore
import Testing

@testable import ConsoleApp

/// One replica rule (`ScaleBounds`) behind the console's scale prompt, `aiconsole scale` and the
/// embedded server's admission: the same counts go to all three, over loopback HTTPS for the
/// latter two, and each accepts exactly what the others accept.
@Suite("Scale rule agreement")
struct ScaleRuleAgreementTests {
  struct Case: Sendable, CustomStringConvertible {
    var kind: OperationKind
    var name: String
    var spec: JSONValue
    var counts: [Int]
    var description: String { "\(kind.singular)/\(name)" }
  }

  static let cases = [
    Case(
      kind: .aiCluster, name: "pool", spec: ["modelName": "m", "replicas": 1], counts: [-1, 0, 5, 1000, 1001]),
    Case(
      kind: .inferenceService, name: "fixed", spec: ["modelRef": ["name": "m"], "replicas": 1],
      counts: [-1, 0, 3, 1001]),
    Case(
      kind: .inferenceService, name: "autoscaled",
      spec: ["modelRef": ["name": "m"], "scaling": ["minReplicas": 2, "maxReplicas": 8, "targetGPUUtilization": 70]],
      counts: [1, 2, 4, 8, 9]),
  ]

  @Test("prompt, CLI and admission accept and refuse the same replica counts", arguments: cases)
  func sameVerdicts(_ item: Case) async throws {
    try await OperationsWorld.with { world in
      try await world.create(item.kind, item.name, spec: item.spec)
      let operations = world.operations()
      for count in item.counts {
        let object = try await world.get(item.kind, item.name)
        let prompt = promptAccepts(item, object, count)
        let cli = await cliAccepts(operations, item, count)
        let admission = await admissionAccepts(world, item, count)
        #expect(
          prompt == cli && cli == admission, "\(item) to \(count): prompt \(prompt), CLI \(cli), admission \(admission)"
        )
      }
    }
  }

  func promptAccepts(_ item: Case, _ object: JSONValue, _ count: Int) -> Bool {
    let ref = ObjectIdentity(item.kind.resource, namespace: "default", name: item.name)
    let prompt = ConsoleState.OperationPrompt.scale(ref, current: 1, bounds: ScaleBounds(object: object))
    return (try? ConsoleReducer.operation(for: prompt, "\(count)")) != nil
  }

  func cliAccepts(_ operations: ClusterOperations, _ item: Case, _ count: Int) async -> Bool {
    do {
      _ = try await operations.scale(item.kind, item.name, replicas: count)
      return true
    } catch {
      #expect(error.kind == .badInput, "\(item) to \(count): \(error.message)")
      return false
    }
  }

  /// The server's verdict on the same count written into the spec (the bounds do not depend on
  /// `spec.replicas`, so an accepted write leaves the next count's verdict as it was).
  func admissionAccepts(_ world: OperationsWorld, _ item: Case, _ count: Int) async -> Bool {
    do {
      _ = try await world.client.patch(
        item.kind.resource, name: item.name, namespace: "default", .merge(["spec": ["replicas": .int(Int64(count))]]))
      return true
    } catch KubeError.invalid {
      return false
    } catch {
      Issue.record("\(item) to \(count): not an Invalid refusal: \(error)")
      return false
    }
  }
}
