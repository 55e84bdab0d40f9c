import ClusterClient
import ClusterTestSupport
import Foundation
import Hummingbird
import KubeCore
import Logging
import ServiceLifecycle
import Testing

/// Every REST verb against the embedded server over HTTPS, and the client's handling of 429.
@Suite(.serialized, .timeLimit(.minutes(5))) struct RESTTests {
  static let aiclusters = InformerTests.aiclusters
  static let pods = APIResource(
    group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true, subresources: ["log", "status"])

  @Test func verbsAndTypedErrors() async throws {
    let server = try await EmbeddedServer.start()
    let client = try InformerTests.client(server)
    try await InformerTests.makeNamespace(client, "rest")
    let created = try await client.create(
      Self.aiclusters, InformerTests.cluster("one", namespace: "rest"), fieldManager: "tests")
    let version = created[path: ["metadata", "resourceVersion"]]?.stringValue
    await #expect {
      _ = try await client.create(Self.aiclusters, InformerTests.cluster("one", namespace: "rest"))
    } throws: { error in
      if case .alreadyExists = error as? KubeError { return true } else { return false }
    }
    await #expect {
      _ = try await client.get(Self.aiclusters, name: "missing", namespace: "rest")
    } throws: { error in
      if case .notFound = error as? KubeError { return true } else { return false }
    }
    var invalid = InformerTests.cluster("bad", namespace: "rest", replicas: -1)
    invalid.set(.int(5000), at: ["spec", "replicas"])
    await #expect {
      _ = try await client.create(Self.aiclusters, invalid)
    } throws: { error in
      guard case .invalid(_, let causes) = error as? KubeError else { return false }
      return causes.contains { $0.field == "spec.replicas" }
    }

    // Update with the current version works once; the same stale version then conflicts.
    var changed = created
    changed.set(.string("3.2"), at: ["spec", "modelVersion"])
    let updated = try await client.update(Self.aiclusters, changed)
    #expect(updated[path: ["spec", "modelVersion"]] == "3.2")
    changed.set(.string("3.3"), at: ["spec", "modelVersion"])
    changed.set(version.map { .string($0) }, at: ["metadata", "resourceVersion"])
    await #expect {
      _ = try await client.update(Self.aiclusters, changed)
    } throws: { error in
      if case .conflict = error as? KubeError { return true } else { return false }
    }

    // The four patch forms.
    let merged = try await client.patch(
      Self.aiclusters, name: "one", namespace: "rest", .merge(["metadata": ["labels": ["tier": "gold"]]]))
    #expect(merged[path: ["metadata", "labels", "tier"]] == "gold")
    let jsonPatched = try await client.patch(
      Self.aiclusters, name: "one", namespace: "rest",
      .json([["op": "replace", "path": "/spec/modelName", "value": "mistral"]]))
    #expect(jsonPatched[path: ["spec", "modelName"]] == "mistral")
    await #expect {
      _ = try await client.patch(
        Self.aiclusters, name: "one", namespace: "rest",
        .json([["op": "test", "path": "/spec/modelName", "value": "nope"]]))
    } throws: { error in
      (error as? KubeError)?.status != nil
    }
    let applied = try await client.patch(
      Self.aiclusters, name: "applied", namespace: "rest",
      .apply(InformerTests.cluster("applied", namespace: "rest", replicas: 2), force: true),
      fieldManager: "aiconsole")
    #expect(applied[path: ["spec", "replicas"]] == 2)

    // Status and scale subresources.
    var withStatus = try await client.get(Self.aiclusters, name: "one", namespace: "rest")
    withStatus.set(["replicas": 1, "activeInstances": 1], at: ["status"])
    let statusWritten = try await client.update(Self.aiclusters, withStatus, subresource: "status")
    #expect(statusWritten[path: ["status", "activeInstances"]] == 1)
    let statusPatched = try await client.patch(
      Self.aiclusters, name: "one", namespace: "rest", .merge(["status": ["endpointURL": "http://one"]]),
      subresource: "status")
    #expect(statusPatched[path: ["status", "endpointURL"]] == "http://one")
    let scale = try await client.setReplicas(Self.aiclusters, name: "one", namespace: "rest", replicas: 4)
    #expect(scale.replicas == 4)
    #expect(try await client.scale(Self.aiclusters, name: "one", namespace: "rest").replicas == 4)

    // Paged listing returns everything once, and delete with propagation.
    for index in 0..<7 {
      _ = try await client.create(Self.aiclusters, InformerTests.cluster("p\(index)", namespace: "rest"))
    }
    let all = try await client.listAll(Self.aiclusters, namespace: "rest", pageSize: 3)
    #expect(all.items.count == 9)
    #expect(Set(all.items.compactMap { $0[path: ["metadata", "name"]]?.stringValue }).count == 9)
    try await client.delete(Self.aiclusters, name: "p0", namespace: "rest", propagation: .foreground)
    try await client.delete(Self.aiclusters, name: "p1", namespace: "rest", propagation: .background)
    await #expect {
      try await client.delete(Self.aiclusters, name: "p2", namespace: "rest", resourceVersion: "1")
    } throws: { error in
      if case .conflict = error as? KubeError { return true } else { return false }
    }

    // Pod logs: the embedded API server's own pod logs every request, shortly after it answers,
    // with the User-Agent that names the client's component.
    let named = try KubeClient(
      configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited).identified(as: "rest-tests"))
    _ = try await named.patch(
      Self.aiclusters, name: "one", namespace: "rest", .merge(["metadata": ["labels": ["by": "named"]]]))
    try await named.shutdown()
    var lines: [Substring] = []
    for _ in 0..<50 where !(lines.count == 5 && lines.last?.contains("rest-tests") == true) {
      lines = try await client.podLog(namespace: "aiconsole-system", pod: "aiconsole-apiserver", tailLines: 5)
        .split(separator: "\n")
      try await Task.sleep(for: .milliseconds(100))
    }
    #expect(lines.count == 5)
    #expect(lines.last?.contains(#""user_agent":"aiconsole/1 (linux) rest-tests""#) == true, "\(lines)")
    #expect(lines.dropLast().allSatisfy { $0.contains(#""user_agent":"aiconsole/1 (linux) client""#) }, "\(lines)")
    try await client.shutdown()
    await server.stop()
  }

  /// A small HTTP server that answers 429 with Retry-After `failures` times, then 200.
  static func throttlingServer(failures: Int) async -> (url: String, task: Task<Void, any Error>) {
    let counter = Counter()
    let router = Router()
    router.get("/api") { _, _ -> Response in
      let count = await counter.next()
      if count <= failures {
        var headers = HTTPFields()
        headers[.retryAfter] = "1"
        headers[.contentType] = "application/json"
        let body =
          #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too many requests, please try again later","reason":"TooManyRequests","code":429}"#
        return Response(status: .tooManyRequests, headers: headers, body: .init(byteBuffer: .init(string: body)))
      }
      return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: .init(string: #"{"kind":"APIVersions","versions":["v1"]}"#)))
    }
    // Returns once the server listens: a fixed sleep was too short on a loaded machine.
    let (port, task) = await LoopbackHTTPServer.start(router)
    return ("http://127.0.0.1:\(port)", task)
  }

  actor Counter {
    var value = 0
    func next() -> Int {
      value += 1
      return value
    }
  }

  @Test("a client dropped without shutdown closes itself instead of trapping the process")
  func droppedClientClosesItself() async throws {
    for _ in 0..<3 {
      _ = try KubeClient(
        configuration: ClusterConfiguration(
          server: "https://127.0.0.1:1", contextName: "t", namespace: "default", source: "test"))
    }
    try await Task.sleep(for: .milliseconds(300))
  }

  @Test func tooManyRequestsIsRetriedAsRetryAfterAsksThenSurfaced() async throws {
    let patient = await Self.throttlingServer(failures: 2)
    let client = try KubeClient(
      configuration: ClusterConfiguration(server: patient.url, contextName: "t", namespace: "default", source: "test"))
    let start = ContinuousClock.now
    // The client is shut down on every path: one dropped open traps in AsyncHTTPClient.
    let answer: Result<JSONValue, any Error>
    do { answer = .success(try await client.json(.GET, "/api")) } catch { answer = .failure(error) }
    try await client.shutdown()
    #expect(try answer.get()["kind"] == "APIVersions")
    #expect(ContinuousClock.now - start >= .seconds(2))
    patient.task.cancel()

    let hopeless = await Self.throttlingServer(failures: 100)
    let giveUp = try KubeClient(
      configuration: ClusterConfiguration(server: hopeless.url, contextName: "t", namespace: "default", source: "test"))
    await #expect {
      _ = try await giveUp.json(.GET, "/api")
    } throws: { error in
      guard case .tooManyRequests(_, let retryAfter) = error as? KubeError else { return false }
      return retryAfter == 1
    }
    try await giveUp.shutdown()
    hopeless.task.cancel()
  }

  @Test func theRateLimitSpacesRequests() async throws {
    let server = try await EmbeddedServer.start()
    let client = try KubeClient(
      configuration: .load(kubeconfig: server.kubeconfigPath, rateLimit: RateLimit(queriesPerSecond: 20, burst: 5)))
    let start = ContinuousClock.now
    for _ in 0..<25 { _ = try await client.json(.GET, "/version") }
    // 5 at once, then 20 more at 20 per second: about one second.
    #expect(ContinuousClock.now - start >= .milliseconds(900))
    try await client.shutdown()
    await server.stop()
  }
}
