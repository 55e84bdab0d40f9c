import ClusterClient
import Foundation
import KubeCore
import Testing

@testable import ConsoleApp

/// `aiconsole get` reads a Table in kubectl's pages of 500, asking for the next page while it
/// decodes the one before: the rows and their order are kubectl's.
@Suite("aiconsole get reads a Table in kubectl's pages") struct GetPagesTests {
  @Test("1,200 objects in three pages print as kubectl prints them")
  func pagesPrintAsKubectlPrintsThem() async throws {
    guard Kubectl.isInstalled() else { return }
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("get-pages"), arguments: ["--no-controller"])
    try server.start()
    defer { server.stop() }
    let client = try KubeClient(configuration: .load(kubeconfig: server.kubeconfig, rateLimit: .unlimited))
    let created: Result<Void, any Error>
    do { created = .success(try await Self.create(1_200, in: "paged", using: client)) } catch {
      created = .failure(error)
    }
    try await client.shutdown()
    try created.get()

    let cache = ServeProcess.temporaryDirectory("get-pages-cache").path
    defer { try? FileManager.default.removeItem(atPath: cache) }
    let ours = try runCommand(
      ServeProcess.binary, ["get", "aic", "-n", "paged", "--kubeconfig", server.kubeconfig, "--cache-dir", cache])
    let theirs = try Kubectl(kubeconfig: server.kubeconfig).run("get", "aic", "-n", "paged")
    #expect(ours.status == 0, "\(ours.stderr)")
    let lines = GetCommandTests().withoutAge(ours.stdout)
    #expect(lines.count == 1_201)
    #expect(lines == GetCommandTests().withoutAge(theirs.stdout))
  }

  @Test("the continue token is read from the head of a page, and only from its metadata")
  func earlyContinueToken() {
    func token(_ text: String) -> String? { TablePages.earlyContinueToken(Array(text.utf8)) }
    #expect(
      token(
        #"{"kind":"Table","metadata":{"resourceVersion":"9","continue":"eyJ2IjoxfQ"},"columnDefinitions":[],"rows":[]}"#
      )
        == "eyJ2IjoxfQ")
    #expect(token(#"{"kind":"Table","metadata":{"resourceVersion":"9"},"columnDefinitions":[],"rows":[]}"#) == nil)
    // A row's text that looks like a token is not one.
    #expect(
      token(#"{"metadata":{},"columnDefinitions":[],"rows":[{"cells":["\"continue\":\"x\""]}]}"#) == nil)
    // Escaped tokens are left to the decoder.
    #expect(token(#"{"metadata":{"continue":"a\/b"},"columnDefinitions":[]}"#) == nil)
  }

  static func create(_ count: Int, in namespace: String, using client: KubeClient) async throws {
    _ = try await client.json(
      .POST, "/api/v1/namespaces",
      body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
    try await withThrowingTaskGroup(of: Void.self) { group in
      for worker in 0..<4 {
        group.addTask {
          for index in stride(from: worker, to: count, by: 4) {
            let object: JSONValue = [
              "apiVersion": "ai.aiconsole.dev/v1", "kind": "AICluster", "metadata": ["name": .string("c\(index)")],
              "spec": [
                "replicas": 1, "modelName": "llama-3-8b", "modelVersion": "v1", "image": "vllm/vllm-openai:v0.6.0",
              ],
            ]
            _ = try await client.json(
              .POST, "/apis/ai.aiconsole.dev/v1/namespaces/\(namespace)/aiclusters", body: object)
          }
        }
      }
      try await group.waitForAll()
    }
  }
}
