import AsyncHTTPClient
import ClusterClient
import ClusterTestSupport
import Foundation
import Hummingbird
import KubeCore
import NIOCore
import Testing

/// The gateway in front of a real (non-simulated) instance, as with the `kubernetes` runtime: the
/// request goes over HTTP to the Pod's OpenAI-compatible server and the answer comes back as the
/// server wrote it, streams included, with its usage counted.
@Suite("AI gateway proxying to real instances", .serialized, .timeLimit(.minutes(5))) struct GatewayProxyTests {
  /// The test plays a model server: a whole reply with usage, or three SSE chunks and a usage chunk.
  static func modelServer() async throws -> (port: Int, task: Task<Void, any Error>) {
    let router = Router()
    router.post("v1/chat/completions") { request, _ -> Response in
      let body = try await request.body.collect(upTo: 1 << 20)
      let json = try JSONParser.parse(Array(buffer: body))
      let id = request.headers[.init("x-request-id")!] ?? "none"
      if json["stream"] == true {
        let (events, output) = AsyncStream<ByteBuffer>.makeStream()
        Task {
          for word in ["real", " model", " speaking"] {
            output.yield(
              ByteBuffer(string: #"data: {"choices":[{"index":0,"delta":{"content":"\#(word)"}}]}"# + "\n\n"))
            try? await Task.sleep(for: .milliseconds(50))
          }
          output.yield(
            ByteBuffer(
              string: #"data: {"choices":[],"usage":{"prompt_tokens":7,"completion_tokens":3,"total_tokens":10}}"#
                + "\n\n"))
          output.yield(ByteBuffer(string: "data: [DONE]\n\n"))
          output.finish()
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream"], body: .init(asyncSequence: events))
      }
      let reply =
        #"{"id":"up-\#(id)","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"from upstream"},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"#
      return Response(
        status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: reply)))
    }
    return await LoopbackHTTPServer.start(router)
  }

  /// An InferenceService whose pool is one Ready Pod that is not the simulated fleet's, at `port`.
  static func realInstance(port: Int) -> String {
    """
    apiVersion: ai.aiconsole.dev/v1
    kind: InferenceService
    metadata: {name: real}
    spec: {modelRef: {name: real-model}, replicas: 1}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AICluster
    metadata: {name: real}
    spec: {modelName: real-model, replicas: 1, endpoint: {port: \(port)}}
    ---
    apiVersion: v1
    kind: Pod
    metadata: {name: real-0, labels: {ai.aiconsole.dev/cluster: real}}
    spec: {containers: [{name: model, image: vllm/vllm-openai}]}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata: {name: real}
    spec: {model: real-model, backends: [{service: real}]}

    """
  }

  @Test func proxiesWholeAndStreamedRepliesAndCountsTheirUsage() async throws {
    guard Kubectl.isInstalled() else { return }
    let (port, upstream) = try await Self.modelServer()
    defer { upstream.cancel() }
    // Without the controller, which would otherwise manage the hand-made pool.
    let fixture = try GatewayFixture(
      "gateway-proxy", arguments: ["--no-controller"], manifests: Self.realInstance(port: port))
    defer { fixture.stop() }
    let ready = #"{"status":{"phase":"Running","podIP":"127.0.0.1","conditions":[{"type":"Ready","status":"True"}]}}"#
    #expect(
      try fixture.kubectl.run("patch", "pod", "real-0", "--subresource=status", "--type=merge", "-p", ready).status == 0
    )

    var whole = try await fixture.post(
      "/v1/chat/completions", GatewayFixture.chat("real-model", "hi"), headers: [("x-request-id", "px-1")])
    for _ in 0..<50 where whole.status == 503 {  // the gateway's watch has not seen the Pod ready yet
      try await Task.sleep(for: .milliseconds(100))
      whole = try await fixture.post(
        "/v1/chat/completions", GatewayFixture.chat("real-model", "hi"), headers: [("x-request-id", "px-1")])
    }
    #expect(whole.status == 200)
    #expect(whole.json?["id"] == "up-px-1", "the upstream got the request ID and its body came back unchanged")
    #expect(whole.headers["x-aiconsole-backend"].first == "default/real-0")

    let streamed = try await fixture.post("/v1/chat/completions", GatewayFixture.chat("real-model", "hi", stream: true))
    #expect(streamed.headers["content-type"].first == "text/event-stream")
    #expect(
      streamed.body.contains("real") && streamed.body.contains(" speaking")
        && streamed.body.hasSuffix("data: [DONE]\n\n"))

    let metrics = try await HTTPClient.shared.execute(HTTPClientRequest(url: fixture.metrics), timeout: .seconds(10))
    let families = try PrometheusTextParser.parse(Array(buffer: try await metrics.body.collect(upTo: 16 << 20)))
    let usage =
      families.first { $0.name == "gen_ai_client_token_usage" }?.samples.filter {
        $0.name == "gen_ai_client_token_usage_sum" && $0.label("gen_ai_request_model") == "real-model"
      } ?? []
    let input = usage.filter { $0.label("gen_ai_token_type") == "input" }.map(\.value).reduce(0, +)
    let output = usage.filter { $0.label("gen_ai_token_type") == "output" }.map(\.value).reduce(0, +)
    #expect(input == 12 && output == 5, "5+7 prompt and 2+3 completion tokens, as the upstream reported them")
  }
}
