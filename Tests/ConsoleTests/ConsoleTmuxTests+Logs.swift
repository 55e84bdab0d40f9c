import ClusterTestSupport
import Foundation
import KubeCore
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Logs by correlation ID on the real binary (in the serialized tmux suite): the reconcile an
/// operation caused, and one gateway request through the gateway and the instance that served it.
extension ConsoleTmuxTests {
  @Test("L follows a change-id to the controller's reconcile lines, and a request id to the gateway and its instance")
  func logsByCorrelationID() async throws {
    let tmux = try Tmux(name: "console-logs")
    defer { tmux.kill() }
    let state = tmux.directory.appendingPathComponent("state")
    try tmux.start(
      script: Self.script("--embedded --state-dir '\(state.path)'", home: tmux.directory), width: 200, height: 50)
    var screen = await tmux.waitFor(timeout: 120) { screen in
      Self.demoNames.allSatisfy { screen.contains($0) } && screen.contains("synced")
    }
    #expect(screen.contains("synced"), "the demo did not come up:\n\(screen)")

    // (a) Scale a pool; `L` proposes the change-id of the action, and shows its reconcile.
    tmux.sendText(":aic")
    tmux.sendKeys("Enter")
    tmux.sendText("/embeddings")
    tmux.sendKeys("Enter")
    // The filtered list, with its one row selected, before the operation key.
    screen = await tmux.waitFor(timeout: 30) {
      $0.contains("AICluster (aic)") && $0.contains("[1/4] /embeddings") && $0.contains("Name:      demo/embeddings")
    }
    tmux.sendKeys("s")
    screen = await tmux.waitFor("scale AICluster demo/embeddings (now 2", timeout: 30)
    try #require(screen.contains("scale AICluster demo/embeddings (now 2"), "no scale prompt:\n\(screen)")
    tmux.sendKeys("BSpace")
    tmux.sendText("3")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 60) { Self.changeID(in: $0) != nil }
    let changeID = try #require(Self.changeID(in: screen), "no change-id in the activity pane:\n\(screen)")

    tmux.sendKeys("L")
    screen = await tmux.waitFor("logs of correlation id: \(changeID)", timeout: 30)
    #expect(screen.contains("logs of correlation id: \(changeID)"), "L is not prefilled:\n\(screen)")
    tmux.sendKeys("Enter")
    screen = await tmux.waitFor(timeout: 60) {
      $0.contains("Logs · correlation \(changeID)") && $0.contains("aiconsole-controller scaling revision")
    }
    #expect(screen.contains("Logs · correlation \(changeID)"), "no correlation mode:\n\(screen)")
    #expect(screen.contains("aiconsole-controller scaling revision"), "no reconcile line:\n\(screen)")
    #expect(!screen.contains("aiconsole-gateway request"), "a line of another ID is shown:\n\(screen)")

    // esc goes back to the selection's logs; enter on the activity row opens the same lines.
    tmux.sendKeys("Escape")
    screen = await tmux.waitFor(timeout: 30) { !$0.contains("Logs · correlation") }
    #expect(!screen.contains("Logs · correlation"), "esc did not leave correlation mode:\n\(screen)")
    tmux.sendKeys("Tab")
    _ = await tmux.waitFor("enter: logs of the change", timeout: 30)
    tmux.sendKeys("Enter")
    tmux.sendKeys("z")
    let reconcileLine = "aiconsole-controller scaling revision logger=aiconsole.controller correlation_id=\(changeID)"
    screen = await tmux.waitFor(timeout: 30) {
      $0.contains("Logs · correlation \(changeID)") && $0.contains(reconcileLine)
    }
    #expect(screen.contains(reconcileLine), "the reconcile line of the change is missing:\n\(screen)")
    #expect(screen.contains("kind=AICluster name=embeddings"), "the reconcile line is not the pool's:\n\(screen)")

    // (b) A request through the embedded gateway, with an id of ours: the gateway's line and the
    // line of the instance that served it.
    let gateway = try await Self.gatewayURL(in: state)
    let (requestID, backend) = try await Self.complete(through: gateway)
    tmux.sendKeys("Escape")
    _ = await tmux.waitFor(timeout: 30) { !$0.contains("Logs · correlation") }
    tmux.sendKeys("L")
    _ = await tmux.waitFor("logs of correlation id:", timeout: 30)
    tmux.sendKeys("C-u")
    tmux.sendText(requestID)
    tmux.sendKeys("Enter")
    let gatewayLine = "aiconsole-gateway request logger=gateway correlation_id=\(requestID)"
    let instanceLine = "\(backend) request served logger=model-server correlation_id=\(requestID)"
    screen = await tmux.waitFor(timeout: 60) { $0.contains(gatewayLine) && $0.contains(instanceLine) }
    #expect(screen.contains("Logs · correlation \(requestID)"), "no correlation mode:\n\(screen)")
    #expect(screen.contains(gatewayLine), "no gateway line for the request:\n\(screen)")
    #expect(screen.contains(instanceLine), "no line of the instance that served it (\(backend)):\n\(screen)")

    tmux.sendKeys("q")
    screen = await tmux.waitFor("__EXITED__", timeout: 30)
    #expect(screen.contains("__EXITED__ rc=0"), "console did not quit cleanly:\n\(screen)")
  }

  /// The change-id the activity pane shows for the newest action.
  static func changeID(in screen: String) -> String? {
    guard let range = screen.range(of: #"change [0-9a-f]{8}-[0-9a-f-]{27}"#, options: .regularExpression) else {
      return nil
    }
    return String(screen[range].dropFirst("change ".count))
  }

  /// The embedded gateway's URL, once the console's world has published it in `endpoints.json`.
  static func gatewayURL(in state: URL) async throws -> String {
    let file = state.appendingPathComponent("endpoints.json")
    for _ in 0..<300 {
      let endpoints = FileManager.default.contents(atPath: file.path).flatMap { try? JSONParser.parse(Array($0)) }
      if let url = endpoints?["gateway"]?.stringValue { return url }
      try await Task.sleep(for: .milliseconds(100))
    }
    throw TmuxLogsError("no gateway in \(file.path)")
  }

  /// Sends a chat completion on the demo's support route with an `x-request-id` of ours, again
  /// with a new id until one is served (the pool may still be starting); returns the id and the
  /// pod that served it. The prompt is unique, so the route's cache cannot answer it.
  static func complete(through gateway: String) async throws -> (requestID: String, backend: String) {
    var last = "no answer"
    for _ in 0..<120 {
      let requestID = "tmux-req-\(UUID().uuidString.prefix(8).lowercased())"
      var request = URLRequest(url: try #require(URL(string: gateway + "/v1/chat/completions")))
      request.httpMethod = "POST"
      request.setValue(requestID, forHTTPHeaderField: "x-request-id")
      request.setValue("application/json", forHTTPHeaderField: "content-type")
      let body: JSONValue = [
        "model": "mistral-7b", "max_tokens": 16,
        "messages": [["role": "user", "content": .string("where is my order? (\(requestID))")]],
        "context": ["ticket": "T-48213"],
      ]
      request.httpBody = Data(body.jsonString.utf8)
      let (_, response) = try await URLSession.shared.data(for: request)
      let http = try #require(response as? HTTPURLResponse)
      // `demo/support-6cckr4l-d5v7z`: the pane names pods without their namespace.
      if http.statusCode == 200, let backend = http.value(forHTTPHeaderField: "x-aiconsole-backend") {
        return (requestID, String(backend.split(separator: "/").last ?? ""))
      }
      last = "\(http.statusCode)"
      try await Task.sleep(for: .milliseconds(500))
    }
    throw TmuxLogsError("the gateway never served a request (last answer: \(last))")
  }
}

/// Why a step of the logs test could not go on.
struct TmuxLogsError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
