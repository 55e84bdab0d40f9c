import ClusterClient
import ClusterTestSupport
import Foundation
import KubeCore
import Testing

/// Eight clients writing at once over HTTPS, as the bench does: every create and update is
/// acknowledged, a watch sees each at a strictly higher resourceVersion, and a server restarted on
/// the same state directory has all of them.
@Suite("control plane: concurrent writes over HTTPS")
struct ConcurrentWriteTests {
  static let path = "/apis/ai.aiconsole.dev/v1/namespaces/default/aiclusters"

  @Test("8 clients' creates and updates are all acknowledged, watched in order, and present after a restart")
  func eightClients() async throws {
    let directory = EmbeddedServer.temporaryDirectory()
    let server = try await EmbeddedServer.start(directory: directory)
    let configuration = try ClusterConfiguration.load(kubeconfig: server.kubeconfigPath, rateLimit: .unlimited)
    let watcher = try KubeClient(configuration: configuration)
    let start = try await watcher.json(.GET, Self.path)[path: ["metadata", "resourceVersion"]]?.stringValue ?? "0"
    let lines = try await watcher.lines(Self.path + "?watch=true&resourceVersion=\(start)")
    let (clients, perClient) = (8, 25)
    try await withThrowingTaskGroup(of: Void.self) { group in
      for number in 0..<clients {
        group.addTask {
          let client = try KubeClient(configuration: configuration)
          for index in 0..<perClient {
            let name = "w\(number)-\(index)"
            let body = TestCluster.aiCluster(name)
            _ = try await client.json(.POST, Self.path, body: body)
            _ = try await client.json(
              .PATCH, Self.path + "/" + name, body: ["spec": ["replicas": 3]],
              contentType: "application/merge-patch+json")
          }
          try await client.shutdown()
        }
      }
      try await group.waitForAll()
    }

    var revisions: [Int64] = []
    for try await line in lines {
      let event = try JSONParser.parse(line)
      revisions.append(Int64(event[path: ["object", "metadata", "resourceVersion"]]?.stringValue ?? "") ?? -1)
      if revisions.count == clients * perClient * 2 { break }
    }
    #expect(revisions == revisions.sorted() && Set(revisions).count == revisions.count, "out of order: \(revisions)")
    try await watcher.shutdown()
    await server.stop()

    let restarted = try await EmbeddedServer.start(directory: directory)
    let reader = try KubeClient(
      configuration: try .load(kubeconfig: restarted.kubeconfigPath, rateLimit: .unlimited))
    let items = try await reader.json(.GET, Self.path)["items"]?.arrayValue ?? []
    let replicas = Dictionary(
      uniqueKeysWithValues: items.map {
        ($0[path: ["metadata", "name"]]?.stringValue ?? "", $0[path: ["spec", "replicas"]])
      })
    #expect(replicas.count == clients * perClient)
    #expect(replicas.values.allSatisfy { $0 == 3 }, "an acknowledged update was lost")
    try await reader.shutdown()
    await restarted.stop()
  }
}
