import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// Editing an AIModelRoute as YAML against the embedded server: one update with the text's
/// resourceVersion, a conflict with the fresh object, and field errors from a 422.
@Suite("Route edit against the embedded server")
struct RouteEditOperationTests {
  static let spec: JSONValue = ["model": "chat", "backends": [["service": "llama", "weight": 100]]]

  /// Creates route `chat` and opens the operator's edit of it: its YAML with the weight 100 → 60.
  static func openEdit(in world: OperationsWorld) async throws -> (ClusterOperations, String) {
    try await world.create(.modelRoute, "chat", spec: spec)
    let operations = world.operations()
    return (
      operations, try await operations.routeYAML("chat").replacingOccurrences(of: "weight: 100", with: "weight: 60")
    )
  }

  @Test("an edit is one update that carries the change-id")
  func edit() async throws {
    try await OperationsWorld.with { world in
      let (operations, text) = try await Self.openEdit(in: world)
      let result = try await operations.editRoute("chat", yaml: text)
      #expect(result.changes.map(\.field) == ["spec.backends"])
      let stored = try await world.get(.modelRoute, "chat")
      #expect(stored[path: ["spec", "backends"]] == [["service": "llama", "weight": 60]])
      #expect(stored[path: ["metadata", "annotations", "ai.aiconsole.dev/change-id"]] == .string(result.changeID))
    }
  }

  @Test("a status write while the operator edits (the controller's) is not a conflict; the edit is sent again")
  func statusWrittenMeanwhile() async throws {
    try await OperationsWorld.with { world in
      let (operations, text) = try await Self.openEdit(in: world)
      let opened = try await world.get(.modelRoute, "chat")[path: ["metadata", "resourceVersion"]]
      _ = try await world.client.patch(
        OperationKind.modelRoute.resource, name: "chat", namespace: "default",
        .merge(["status": ["backends": [["service": "llama", "ready": true, "weight": 100]]]]), subresource: "status",
        fieldManager: "test-controller")
      let result = try await operations.editRoute("chat", yaml: text)
      #expect(result.changes.map(\.field) == ["spec.backends"])
      let stored = try await world.get(.modelRoute, "chat")
      #expect(stored[path: ["spec", "backends"]] == [["service": "llama", "weight": 60]])
      #expect(stored[path: ["status", "backends"]] == [["service": "llama", "ready": true, "weight": 100]])
      #expect(stored[path: ["metadata", "resourceVersion"]] != opened)
    }
  }

  @Test("a label changed meanwhile is someone else's edit: still a conflict")
  func labelChangedMeanwhile() async throws {
    try await OperationsWorld.with { world in
      let (operations, text) = try await Self.openEdit(in: world)
      _ = try await world.client.patch(
        OperationKind.modelRoute.resource, name: "chat", namespace: "default",
        .merge(["metadata": ["labels": ["team": "search"]]]), fieldManager: "someone")
      do throws(OperationError) {
        _ = try await operations.editRoute("chat", yaml: text)
        Issue.record("an edit over someone else's label change was accepted")
      } catch {
        #expect(error.kind == .conflict)
        #expect(error.current?[path: ["metadata", "labels", "team"]] == "search")
      }
      #expect(try await world.get(.modelRoute, "chat")[path: ["spec", "backends"]] == Self.spec["backends"])
    }
  }

  @Test("a stale edit is a conflict with the route as it is now, and the edit kept")
  func conflict() async throws {
    try await OperationsWorld.with { world in
      let (operations, stale) = try await Self.openEdit(in: world)
      let fresh = try await operations.editRoute(
        "chat", yaml: try await operations.routeYAML("chat").replacingOccurrences(of: "model: chat", with: "model: b"))
      do throws(OperationError) {
        _ = try await operations.editRoute("chat", yaml: stale)
        Issue.record("a stale edit was accepted")
      } catch {
        #expect(error.kind == .conflict)
        #expect(error.message.contains("the object has been modified"))
        #expect(error.text == stale)
        #expect(error.current?[path: ["spec", "model"]] == "b")
        #expect(
          error.current?[path: ["metadata", "resourceVersion"]] == fresh.object[path: ["metadata", "resourceVersion"]])
      }
      #expect(try await world.get(.modelRoute, "chat")[path: ["spec", "backends"]] == Self.spec["backends"])
    }
  }

  @Test("two consoles save the same route at once: one wins, the other gets the conflict and re-applies")
  func twoConsoles() async throws {
    try await OperationsWorld.with { world in
      let route = try await world.create(.modelRoute, "chat", spec: Self.spec)
      let other = try KubeClient(
        configuration: .load(kubeconfig: world.server.kubeconfigPath, rateLimit: .unlimited))
      defer { Task { try? await other.shutdown() } }
      let first = world.operations()
      let second = ClusterOperations(client: other, namespace: "default", makeChangeID: { "other" })
      let ref = ObjectIdentity(OperationKind.modelRoute.resource, namespace: "default", name: "chat")
      // Both forms are opened on the same version; one operator changes the weight, the other the limit.
      var weight = RouteForm(ref, route: route)
      weight.form.setValue("40", of: "weight 1")
      var limit = RouteForm(ref, route: route)
      limit.form.setValue("120", of: "requests/min")
      async let savedWeight = Self.outcome { () async throws(OperationError) in
        try await first.editRoute("chat", object: weight.edited)
      }
      async let savedLimit = Self.outcome { () async throws(OperationError) in
        try await second.editRoute("chat", object: limit.edited)
      }
      let outcomes = await [savedWeight, savedLimit]
      let failures = outcomes.compactMap { outcome -> OperationError? in
        if case .failure(let error) = outcome { return error }
        return nil
      }
      #expect(failures.count == 1, "exactly one save must lose: \(outcomes)")
      let lost = try #require(failures.first)
      #expect(lost.kind == .conflict)
      let current = try #require(lost.current)
      // The loser's form, rebased onto the route as it is now, keeps both changes.
      let loserWasWeight: Bool
      if case .failure = outcomes[0] { loserWasWeight = true } else { loserWasWeight = false }
      let rebased = (loserWasWeight ? weight : limit).rebased(onto: current)
      #expect(!rebased.changedMeanwhile.isEmpty)
      _ = try await (loserWasWeight ? first : second).editRoute("chat", object: rebased.edited)
      let stored = try await world.get(.modelRoute, "chat")
      #expect(stored[path: ["spec", "backends"]] == [["service": "llama", "weight": 40]])
      #expect(stored[path: ["spec", "rateLimit", "requestsPerMinute"]] == 120)
    }
  }

  static func outcome(_ body: () async throws(OperationError) -> OperationResult) async -> Result<
    OperationResult, OperationError
  > {
    do throws(OperationError) {
      return .success(try await body())
    } catch {
      return .failure(error)
    }
  }

  @Test("a refused edit maps the Status causes to fields, keeping the text")
  func invalid() async throws {
    try await OperationsWorld.with { world in
      try await world.create(.modelRoute, "chat", spec: Self.spec)
      let operations = world.operations()
      let text = try await operations.routeYAML("chat").replacingOccurrences(of: "weight: 100", with: "weight: 200")
      do throws(OperationError) {
        _ = try await operations.editRoute("chat", yaml: text)
        Issue.record("an invalid edit was accepted")
      } catch {
        #expect(error.kind == .invalid)
        #expect(error.fields.map(\.field) == ["spec.backends[0].weight"])
        #expect(error.fields.first?.message.contains("100") == true)
        #expect(error.text == text)
      }
    }
  }
}
