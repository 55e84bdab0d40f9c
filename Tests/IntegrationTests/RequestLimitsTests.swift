import ClusterClient
import Foundation
import KubeCore
import Testing

/// What the API server refuses over real HTTPS, and how it says so.
@Suite("API server request limits") struct RequestLimitsTests {
  @Test func aHugeObjectIs413AndDeepNestingA400AndNothingIsStored() async throws {
    let server = ServeProcess(
      stateDirectory: ServeProcess.temporaryDirectory("limits"), arguments: ["--no-controller", "--no-gateway"])
    try server.start()
    defer { server.stop() }
    let client = try KubeClient(configuration: try .load(kubeconfig: server.kubeconfig, rateLimit: .unlimited))
    let path = "/api/v1/namespaces/default/configmaps"
    let huge: JSONValue = [
      "apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "huge"],
      "data": ["blob": .string(String(repeating: "x", count: 3 * 1024 * 1024 + 1024))],
    ]
    let (status, body) = try await client.send(.POST, path, body: huge.serialized())
    #expect(status == 413)
    #expect(String(decoding: body, as: UTF8.self).contains("Request entity too large: limit is 3145728"))

    let deep =
      Array(#"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":"#.utf8)
      + Array(repeating: UInt8(ascii: "["), count: 100_000)
    let (deepStatus, deepBody) = try await client.send(.POST, path, body: deep)
    #expect(deepStatus == 400)
    #expect(String(decoding: deepBody, as: UTF8.self).contains("nesting deeper than"))

    let stored = try await client.json(.GET, path)
    #expect(stored["items"]?.arrayValue?.isEmpty == true)
    try await client.shutdown()
  }
}
