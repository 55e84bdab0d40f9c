import AsyncHTTPClient
import ClusterClient
import Foundation
import KubeCore
import Testing

/// `aiconsole serve --demo` as a person runs it: the demo application appears in namespace
/// `demo`, its services become Ready, real traffic reaches both routes with the successes and
/// refusals the demo promises, and a restart neither duplicates nor resets what the operator edited.
@Suite("aiconsole serve --demo", .serialized, .timeLimit(.minutes(6))) struct DemoTests {
  @Test func seedsOnceAndDrivesTrafficThroughEveryPolicy() async throws {
    guard Kubectl.isInstalled() else { return }
    let directory = ServeProcess.temporaryDirectory("demo")
    let first = ServeProcess(stateDirectory: directory, arguments: ["--demo"])
    try first.start()
    defer { first.stop() }
    let kubectl = Kubectl(kubeconfig: first.kubeconfig)
    try waitUntil("the AIApplication and both InferenceServices Ready") {
      let apps = try kubectl.run("get", "aiapp", "-n", "demo", "-o", "name").stdout
      let ready = try kubectl.run(
        "get", "infsvc", "-n", "demo", "-o",
        #"jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status} {end}"#
      ).stdout
      return apps == "aiapplication.ai.aiconsole.dev/support-desk\n" && ready == "assistant=True support=True "
    }
    try await waitUntilAsync("200s on both routes, 429s and 400s in the gateway's metrics") {
      let last = try await requestCounts(try endpoint("metrics", in: directory))
      return last["demo/assistant 200", default: 0] > 0 && last["demo/support 200", default: 0] > 0
        && last["demo/assistant 429", default: 0] > 0 && last["demo/support 400", default: 0] > 0
    }

    // The operator edits a route; the restarted demo must keep the edit and add nothing.
    let patched = try kubectl.run(
      "patch", "airoute", "support", "-n", "demo", "--type=merge", "-p",
      #"{"spec":{"backends":[{"service":"support","weight":40}]}}"#)
    #expect(patched.status == 0, "\(patched.stderr)")
    try kubectl.run("delete", "aicluster", "embeddings", "-n", "demo").expectSuccess()
    let before = try inventory(kubectl)
    first.stop()

    let second = ServeProcess(stateDirectory: directory, arguments: ["--demo"])
    try second.start()
    defer { second.stop() }
    // The counters start from zero in the new process, so any 200 is traffic after the restart;
    // until the new gateway publishes, endpoints.json names the old one, which refuses.
    try await waitUntilAsync("traffic again after the restart") {
      try await requestCounts(try endpoint("metrics", in: directory))["demo/support 200", default: 0] > 0
    }
    let weight = try kubectl.run(
      "get", "airoute", "support", "-n", "demo", "-o", "jsonpath={.spec.backends[0].weight}"
    ).stdout
    #expect(weight == "40")
    #expect(try inventory(kubectl) == before)
    #expect(!(try inventory(kubectl)).contains("aicluster.ai.aiconsole.dev/embeddings"))
  }

  @Test("a restart keeps the gateway's port and continues the demo's request IDs, so an ID names one request")
  func restartKeepsGatewayPortAndRequestIDs() throws {
    guard Kubectl.isInstalled() else { return }
    let directory = ServeProcess.temporaryDirectory("demo-restart")
    let first = ServeProcess(stateDirectory: directory, arguments: ["--demo"])
    try first.start()
    defer { first.stop() }
    let kubectl = Kubectl(kubeconfig: first.kubeconfig)
    try waitUntil("demo requests in the gateway's access log") { try !requestIDs(kubectl).isEmpty }
    let port = URLComponents(string: try endpoint("gateway", in: directory))?.port
    first.stop()

    let second = ServeProcess(stateDirectory: directory, arguments: ["--demo"])
    try second.start()
    defer { second.stop() }
    // ready comes after endpoints.json is rewritten, so a gateway entry now is the new gateway's.
    try waitUntil("the new gateway in endpoints.json") { (try? endpoint("gateway", in: directory)) != nil }
    #expect(URLComponents(string: try endpoint("gateway", in: directory))?.port == port)
    let before = try requestIDs(kubectl).count
    try waitUntil("requests of the second start") { try requestIDs(kubectl).count > before }
    let ids = try requestIDs(kubectl)
    #expect(
      Set(ids).count == ids.count,
      "IDs repeated: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys)")
  }

  /// The `demo-N` correlation IDs of the gateway's access log, one per request, in order.
  func requestIDs(_ kubectl: Kubectl) throws -> [String] {
    let log = try kubectl.run("logs", "aiconsole-gateway", "-n", "aiconsole-system").stdout
    return log.split(separator: "\n").compactMap { line in
      guard let record = try? JSONParser.parse(Array(line.utf8)),
        let id = record["correlation_id"]?.stringValue, id.hasPrefix("demo-")
      else { return nil }
      return id
    }
  }

  /// Every object the demo's namespace holds of the seeded kinds, by name and UID.
  func inventory(_ kubectl: Kubectl) throws -> [String] {
    let kinds = "aiapp,infsvc,airoute,mcs,mdep,secret,configmap"
    let listed = try kubectl.run(
      "get", kinds, "-n", "demo", "-l", "app.kubernetes.io/part-of=aiconsole-demo", "-o",
      "jsonpath={range .items[*]}{.kind}/{.metadata.name}/{.metadata.uid}{\"\\n\"}{end}")
    let standalone = try kubectl.run("get", "aicluster", "-n", "demo", "-o", "name").stdout
    return (listed.stdout + standalone).split(separator: "\n").map(String.init).sorted()
  }

  /// `aiconsole_gateway_requests_total` by `route code`, parsed.
  func requestCounts(_ url: String) async throws -> [String: Double] {
    let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
    let body = try await response.body.collect(upTo: 32 << 20)
    let families = try PrometheusTextParser.parse(String(buffer: body))
    var counts: [String: Double] = [:]
    for sample in families.first(where: { $0.name == "aiconsole_gateway_requests_total" })?.samples ?? [] {
      counts["\(sample.label("route") ?? "") \(sample.label("code") ?? "")", default: 0] += sample.value
    }
    return counts
  }

  /// A URL from endpoints.json.
  func endpoint(_ name: String, in directory: URL) throws -> String {
    let file = directory.appendingPathComponent("endpoints.json")
    let json = FileManager.default.contents(atPath: file.path).flatMap { try? JSONParser.parse(Array($0)) }
    guard let url = json?[name]?.stringValue else { throw ServeError(message: "no \(name) in endpoints.json") }
    return url
  }

  func waitUntil(_ what: String, timeout: TimeInterval = 90, _ condition: () throws -> Bool) throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if try condition() { return }
      Thread.sleep(forTimeInterval: 0.5)
    }
    throw ServeError(message: "timed out waiting for \(what)")
  }

  func waitUntilAsync(_ what: String, timeout: TimeInterval = 90, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if (try? await condition()) == true { return }
      try await Task.sleep(for: .milliseconds(500))
    }
    throw ServeError(message: "timed out waiting for \(what)")
  }
}

extension CommandResult {
  func expectSuccess(sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(status == 0, "\(stderr)", sourceLocation: sourceLocation)
  }
}
