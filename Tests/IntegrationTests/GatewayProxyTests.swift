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

  /// The gateway (without the controller, which would otherwise manage the hand-made pool) in
  /// front of the real instance at `port`, once it routes to it.
  static func servingFixture(_ name: String, port: Int) async throws -> GatewayFixture {
    let fixture = try GatewayFixture(name, arguments: ["--no-controller"], manifests: realInstance(port: port))
    let ready = #"{"status":{"phase":"Running","podIP":"127.0.0.1","conditions":[{"type":"Ready","status":"True"}]}}"#
    #expect(
      try fixture.kubectl.run("patch", "pod", "real-0", "--subresource=status", "--type=merge", "-p", ready).status == 0
    )
    var probe = try await fixture.post("/v1/chat/completions", GatewayFixture.chat("real-model", "probe"))
    for _ in 0..<50 where probe.status == 503 {  // the gateway's watch has not seen the Pod ready yet
      try await Task.sleep(for: .milliseconds(100))
      probe = try await fixture.post("/v1/chat/completions", GatewayFixture.chat("real-model", "probe"))
    }
    #expect(probe.status == 200, "the gateway never routed to the instance: \(probe.body)")
    return fixture
  }

  @Test func proxiesWholeAndStreamedRepliesAndCountsTheirUsage() async throws {
    guard Kubectl.isInstalled() else { return }
    let (port, upstream) = try await Self.modelServer()
    defer { upstream.cancel() }
    let fixture = try await Self.servingFixture("gateway-proxy", port: port)
    defer { fixture.stop() }

    let whole = try await fixture.post(
      "/v1/chat/completions", GatewayFixture.chat("real-model", "hi"), headers: [("x-request-id", "px-1")])
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
    #expect(
      input == 17 && output == 7,
      "5+5+7 prompt and 2+2+3 completion tokens (the probe, the whole reply and the stream), as the upstream reported them"
    )
  }

  /// A model server gone wrong, by the prompt: `hang` never answers, `stall` sends its headers and
  /// then nothing, `garbage` answers 200 with an HTML page.
  static func brokenServer() async throws -> (port: Int, task: Task<Void, any Error>) {
    let router = Router()
    router.post("v1/chat/completions") { request, _ -> Response in
      let body = String(buffer: try await request.body.collect(upTo: 1 << 20))
      if body.contains("hang") {
        try await Task.sleep(for: .seconds(60))
      } else if body.contains("stall") {
        let (events, output) = AsyncStream<ByteBuffer>.makeStream()
        output.yield(ByteBuffer(string: "{"))
        return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(asyncSequence: events))
      }
      return Response(
        status: .ok, headers: [.contentType: "text/html"],
        body: .init(byteBuffer: ByteBuffer(string: "<html><body>502 from some proxy</body></html>")))
    }
    return await LoopbackHTTPServer.start(router)
  }

  /// `realInstance` with a 2 s timeout, and a second pool whose one instance listens nowhere.
  static func brokenInstances(port: Int, deadPort: Int) -> String {
    realInstance(port: port).replacingOccurrences(
      of: "spec: {model: real-model, backends: [{service: real}]}",
      with: "spec: {model: real-model, backends: [{service: real}], timeoutSeconds: 2}")
      + "---\n" + realInstance(port: deadPort).replacingOccurrences(of: "real", with: "dead")
  }

  @Test func aBackendThatHangsStallsAnswersGarbageOrIsGoneGetsAClearError() async throws {
    guard Kubectl.isInstalled() else { return }
    let (port, upstream) = try await Self.brokenServer()
    defer { upstream.cancel() }
    // A port that was just free: nothing listens there.
    let (deadPort, closed) = try await Self.brokenServer()
    closed.cancel()
    try await Task.sleep(for: .milliseconds(200))
    let fixture = try GatewayFixture(
      "gateway-broken", arguments: ["--no-controller"], manifests: Self.brokenInstances(port: port, deadPort: deadPort))
    defer { fixture.stop() }
    let ready = #"{"status":{"phase":"Running","podIP":"127.0.0.1","conditions":[{"type":"Ready","status":"True"}]}}"#
    for pod in ["real-0", "dead-0"] {
      #expect(
        try fixture.kubectl.run("patch", "pod", pod, "--subresource=status", "--type=merge", "-p", ready).status == 0)
    }
    func ask(_ model: String, _ prompt: String) async throws -> GatewayFixture.Reply {
      var reply = try await fixture.post("/v1/chat/completions", GatewayFixture.chat(model, prompt))
      // The gateway may not have seen the route or the Pod ready yet.
      for _ in 0..<50 where reply.status == 503 || reply.status == 404 {
        try await Task.sleep(for: .milliseconds(100))
        reply = try await fixture.post("/v1/chat/completions", GatewayFixture.chat(model, prompt))
      }
      return reply
    }
    let started = ContinuousClock.now
    let hung = try await ask("real-model", "hang")
    #expect(hung.status == 504)
    #expect(hung.json?[path: ["error", "code"]] == "upstream_timeout")
    #expect(ContinuousClock.now - started < .seconds(30), "the route's 2 s timeout was not kept")
    let stalled = try await ask("real-model", "stall")
    #expect(stalled.status == 504, "a reply stalled mid-body: \(stalled.body)")
    let garbage = try await ask("real-model", "garbage")
    #expect(garbage.status == 502)
    #expect(garbage.json?[path: ["error", "code"]] == "upstream_invalid_reply")
    #expect(garbage.body.contains("not JSON") && garbage.body.contains("<html>"))
    // A request that hangs right after a fast one (on the kept-alive connection): the connection's
    // one timer, still scheduled for the fast one's deadline, looks again then and keeps this one's.
    let again = ContinuousClock.now
    let hungAgain = try await ask("real-model", "hang after garbage")
    #expect(hungAgain.status == 504)
    #expect(ContinuousClock.now - again < .seconds(10), "the 2 s timeout of a request after a fast one")
    let gone = try await ask("dead-model", "hello")
    #expect(gone.status == 502)
    #expect(gone.json?[path: ["error", "code"]] == "upstream_unreachable")
    #expect(gone.body.contains("dead-0"))
  }

  /// What a client that pipelines sees, over a plain socket: replies in the order asked, the
  /// connection closed after the request that said `Connection: close`, and JSON errors for a
  /// path the gateway does not serve or a method it does not take.
  @Test func pipelinedRequestsAreAnsweredInOrderOnOneConnection() async throws {
    guard Kubectl.isInstalled() else { return }
    let (port, upstream) = try await Self.modelServer()
    defer { upstream.cancel() }
    let fixture = try await Self.servingFixture("gateway-pipeline", port: port)
    defer { fixture.stop() }

    let body = GatewayFixture.chat("real-model", "hi")
    func post(_ id: String, close: Bool = false) -> String {
      "POST /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\n"
        + "Content-Length: \(body.utf8.count)\r\nx-request-id: \(id)\r\n"
        + (close ? "Connection: close\r\n" : "") + "\r\n" + body
    }
    let requests =
      post("pipe-1") + "GET /v1/nowhere HTTP/1.1\r\nHost: gateway\r\n\r\n" + post("pipe-2")
      + "GET /v1/chat/completions HTTP/1.1\r\nHost: gateway\r\n\r\n" + post("pipe-3", close: true)
      + post("never-answered")
    let address = try #require(URL(string: fixture.gateway))
    let replies = try Self.exchange(requests, port: try #require(address.port))
    // Bodies end without a line break, so a status line may follow one on the same line.
    let statuses = replies.components(separatedBy: "HTTP/1.1 ").dropFirst().map {
      "HTTP/1.1 " + ($0.components(separatedBy: "\r\n").first ?? "")
    }
    #expect(
      statuses == [
        "HTTP/1.1 200 OK", "HTTP/1.1 404 Not Found", "HTTP/1.1 200 OK", "HTTP/1.1 405 Method Not Allowed",
        "HTTP/1.1 200 OK",
      ], "\(replies)")
    let order = ["up-pipe-1", "no such endpoint: GET /v1/nowhere", "up-pipe-2", "use POST", "up-pipe-3"].map {
      replies.range(of: $0)?.lowerBound
    }
    #expect(!order.contains(nil) && order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "\(replies)")
    #expect(!replies.contains("never-answered"), "the connection closed after the request that asked for it")
    let garbled = try Self.exchange(
      post("before-garbage") + "NOT HTTP AT ALL\r\n\r\n", port: try #require(address.port))
    #expect(garbled.hasPrefix("HTTP/1.1 200 OK") && garbled.contains("up-before-garbage"), "\(garbled)")
    #expect(garbled.contains("HTTP/1.1 400 Bad Request"), "what is not HTTP is refused after what came before")
  }

  /// Writes `requests` on one connection and reads until the gateway closes it.
  static func exchange(_ requests: String, port: Int) throws -> String {
    let socket = try LoopbackSocket(port: port)
    try socket.send(requests)
    return socket.readToEnd()
  }
}
