import AsyncHTTPClient
import Foundation
import KubeCore
import NIOCore
import NIOHTTP1

/// `aiconsole serve` with its controller, fleet and gateway, seeded through kubectl with models,
/// services, routes, a key Secret and a context schema; and an HTTP client for the gateway.
final class GatewayFixture {
  let server: ServeProcess
  let kubectl: Kubectl
  let gateway: String
  let metrics: String

  static let manifests = """
    apiVersion: v1
    kind: Secret
    metadata: {name: llama-keys}
    stringData: {team-a: sk-team-a-0123456789}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelContextSchema
    metadata: {name: support-ticket}
    spec:
      contextFields:
      - {name: ticket, type: string, required: true, validationRegex: "^T-[0-9]+$"}
      - {name: priority, type: number}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: llama-v1}
    spec: {modelName: llama, modelVersion: "1", artifactURI: "hf://meta/llama", simulation: {startupSeconds: 0}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: ModelDeployment
    metadata: {name: llama-v2}
    spec: {modelName: llama, modelVersion: "2", artifactURI: "hf://meta/llama", simulation: {startupSeconds: 0}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: InferenceService
    metadata: {name: chat}
    spec:
      modelRef: {name: llama-v1}
      replicas: 2
      hardwareProfile: {gpu: 1}
      canary: {modelRef: {name: llama-v2}, trafficPercent: 20}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: InferenceService
    metadata: {name: solo}
    spec: {modelRef: {name: llama-v1}, replicas: 1, hardwareProfile: {gpu: 1}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: InferenceService
    metadata: {name: idle}
    spec: {modelRef: {name: llama-v1}, replicas: 0}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata: {name: chat}
    spec: {model: llama-chat, backends: [{service: chat}], cache: {enabled: true, ttlSeconds: 60}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata: {name: split}
    spec: {model: llama-split, backends: [{service: chat, weight: 50}, {service: solo, weight: 50}]}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata: {name: keyed}
    spec:
      model: llama-keyed
      backends: [{service: solo}]
      auth: {type: APIKey, secretRef: {name: llama-keys}}
      rateLimit: {requestsPerMinute: 3, burst: 3}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata: {name: ctx}
    spec: {model: llama-ctx, backends: [{service: solo}], contextSchemaRef: {name: support-ticket}}
    ---
    apiVersion: ai.aiconsole.dev/v1
    kind: AIModelRoute
    metadata: {name: idle}
    spec: {model: llama-idle, backends: [{service: idle}]}

    """

  init(_ name: String, arguments: [String] = [], manifests: String = GatewayFixture.manifests) throws {
    server = ServeProcess(stateDirectory: ServeProcess.temporaryDirectory(name), arguments: arguments)
    try server.start()
    kubectl = Kubectl(kubeconfig: server.kubeconfig)
    var endpoints: JSONValue = .emptyObject
    let deadline = Date().addingTimeInterval(60)
    while endpoints["metrics"] == nil, Date() < deadline {
      Thread.sleep(forTimeInterval: 0.1)
      let file = server.stateDirectory.appendingPathComponent("endpoints.json")
      endpoints =
        (FileManager.default.contents(atPath: file.path)).flatMap { try? JSONParser.parse(Array($0)) } ?? .emptyObject
    }
    guard let gateway = endpoints["gateway"]?.stringValue, let metrics = endpoints["metrics"]?.stringValue else {
      throw ServeError(message: "the gateway did not publish its URLs in endpoints.json")
    }
    self.gateway = gateway
    self.metrics = metrics
    let applied = try kubectl.run("apply", "-f", "-", stdin: manifests)
    guard applied.status == 0 else { throw ServeError(message: "kubectl apply failed: \(applied.stderr)") }
  }

  /// Waits until the InferenceService reports `ready` ready instances (and its canary, if any, one).
  func waitUntilServing(_ service: String, _ ready: Int, canary: Bool = false) throws {
    let deadline = Date().addingTimeInterval(120)
    let path = canary ? "{.status.readyReplicas}/{.status.canary.readyReplicas}" : "{.status.readyReplicas}"
    let expected = canary ? "\(ready)/1" : "\(ready)"
    var last = ""
    while Date() < deadline {
      last = try kubectl.run("get", "infsvc", service, "-o", "jsonpath=\(path)").stdout
      if last == expected { return }
      Thread.sleep(forTimeInterval: 0.2)
    }
    throw ServeError(message: "InferenceService \(service) shows \(last), not \(expected)")
  }

  struct Reply {
    var status: Int
    var headers: HTTPHeaders
    var body: String
    var json: JSONValue? { try? JSONParser.parse(Array(body.utf8)) }
  }

  /// POSTs `body` to `path` of the gateway.
  func post(_ path: String, _ body: String, headers: [(String, String)] = []) async throws -> Reply {
    try await Self.post(gateway, path, body, headers: headers)
  }

  /// POSTs `body` to `path` of the gateway at `base` (for concurrent tasks, which take the URL only).
  static func post(_ base: String, _ path: String, _ body: String, headers: [(String, String)] = []) async throws
    -> Reply
  {
    var request = HTTPClientRequest(url: base + path)
    request.method = .POST
    request.headers.add(name: "content-type", value: "application/json")
    for (name, value) in headers { request.headers.add(name: name, value: value) }
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    let bytes = try await response.body.collect(upTo: 16 << 20)
    return Reply(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
  }

  static func chat(_ model: String, _ prompt: String, maxTokens: Int = 16, stream: Bool = false, context: String? = nil)
    -> String
  {
    let context = context.map { #","context":\#($0)"# } ?? ""
    return
      #"{"model":"\#(model)","messages":[{"role":"user","content":"\#(prompt)"}],"max_tokens":\#(maxTokens),"stream":\#(stream)\#(context)}"#
  }

  func stop() { server.stop() }
}
