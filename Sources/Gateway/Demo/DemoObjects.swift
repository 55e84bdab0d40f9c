import AIResources
import KubeCore

/// The demo application, in the order it is created (what an object refers to comes first):
/// two model families in two versions each, a service with a slow canary and a plain one, a
/// keyed and rate-limited route and a route with a context schema and a cache, the application
/// that groups them, and a standalone pool. Seven simulated GPUs in all, well under the default
/// fleet's 32, so an operator can scale up from the console.
enum DemoObjects {
  static let namespace = DemoApplication.namespace

  static func all() throws -> [DemoObject] {
    try [namespaceObject, keySecret] + [schema].map(DemoObject.ai) + models().map(DemoObject.ai)
      + services().map(DemoObject.ai) + routes().map(DemoObject.ai) + [DemoObject.ai(application)]
      + [DemoObject.ai(standalonePool)]
  }

  static func meta(_ name: String) -> ObjectMeta {
    ObjectMeta(name: name, namespace: namespace, labels: ["app.kubernetes.io/part-of": "aiconsole-demo"])
  }

  static let namespaceObject = DemoObject.core(
    CoreResources.namespaces,
    [
      "apiVersion": "v1", "kind": "Namespace",
      "metadata": ["name": .string(namespace), "labels": ["app.kubernetes.io/part-of": "aiconsole-demo"]],
    ])

  static let keySecret = DemoObject.core(
    CoreResources.secrets,
    [
      "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
      "metadata": [
        "name": .string(DemoApplication.keySecret), "namespace": .string(namespace),
        "labels": ["app.kubernetes.io/part-of": "aiconsole-demo"],
      ],
      "stringData": ["demo-team": .string(DemoApplication.apiKey)],
    ])

  static let schema = ModelContextSchema(
    metadata: meta(DemoApplication.contextSchema),
    spec: .init(
      description: "A support ticket the assistant answers about",
      contextFields: [
        .init(
          name: "ticket", type: .string, required: true, description: "the ticket number",
          validationRegex: DemoApplication.ticketPattern),
        .init(name: "priority", type: .number, description: "1 (urgent) to 5"),
        .init(name: "tags", type: .stringArray, description: "labels from the help desk"),
      ]))

  /// `llama-3-8b` v1 and a slow v2 (its canary's analysis aborts it), `mistral-7b` v1 and v2.
  /// Tens of tokens a second per GPU, so that the demo's few requests a second keep the GPUs visibly busy.
  static func models() -> [ModelDeployment] {
    [
      model("llama-3-8b", "1", tokensPerSecond: 30),
      model("llama-3-8b", "2", tokensPerSecond: 200, failure: .slow),
      model("mistral-7b", "1", tokensPerSecond: 40),
      model("mistral-7b", "2", tokensPerSecond: 50),
    ]
  }

  static func model(
    _ family: String, _ version: String, tokensPerSecond: Int,
    failure: ModelDeployment.Spec.Simulation.FailureMode = .none
  ) -> ModelDeployment {
    ModelDeployment(
      metadata: meta("\(family)-v\(version)"),
      spec: .init(
        modelName: family, modelVersion: version, artifactURI: "hf://demo/\(family)@v\(version)", runtime: .vllm,
        resources: .init(gpu: 1),
        simulation: .init(startupSeconds: 3, tokensPerSecondPerGPU: tokensPerSecond, failureMode: failure)))
  }

  static func services() -> [InferenceService] {
    [
      InferenceService(
        metadata: meta(DemoApplication.keyedRoute),
        spec: .init(
          modelRef: .init(name: "llama-3-8b-v1"), replicas: 2, hardwareProfile: .init(gpu: 1),
          canary: .init(modelRef: .init(name: "llama-3-8b-v2"), trafficPercent: 20, analysis: canaryAnalysis))),
      InferenceService(
        metadata: meta(DemoApplication.contextRoute),
        spec: .init(modelRef: .init(name: "mistral-7b-v1"), replicas: 2, hardwareProfile: .init(gpu: 1))),
    ]
  }

  /// The judgement of the slow canary: 20% of the assistant's traffic, then 50%, promoted after
  /// both. The canary serves about a fifth of 1 to 1.5 keyed requests a second once it is Ready
  /// (its `slow` model loads for 20 s), so 10 requests come within a minute or so and each step
  /// lasts long enough for them on a loaded machine. `slow` answers its first token ten times
  /// later than the stable pool and its tokens more slowly, so the relative time-to-first-token
  /// check fails (and the relative p99 may fail first); the error-rate check guards the rest.
  static let canaryAnalysis = InferenceService.Spec.Canary.Analysis(
    steps: [.init(trafficPercent: 20, duration: "3m"), .init(trafficPercent: 50, duration: "3m")],
    thresholds: .init(
      maxErrorRate: .init(mode: .absolute, value: 5), maxLatencyP99: .init(mode: .relative, value: 2),
      maxTimeToFirstToken: .init(mode: .relative, value: 3)),
    minRequests: 10)

  static func routes() -> [AIModelRoute] {
    [
      AIModelRoute(
        metadata: meta(DemoApplication.keyedRoute),
        spec: .init(
          model: DemoApplication.keyedModel, backends: [.init(service: DemoApplication.keyedRoute, weight: 100)],
          auth: .init(type: .apiKey, secretRef: .init(name: DemoApplication.keySecret)),
          // The keyed share of the traffic is 0.8 to 3.2 requests a second, and 12 in a burst: above
          // 1.5 a second for much of the time, so some requests see 429 and most do not.
          rateLimit: .init(requestsPerMinute: 90, burst: 15), timeoutSeconds: 30)),
      AIModelRoute(
        metadata: meta(DemoApplication.contextRoute),
        spec: .init(
          model: DemoApplication.contextModel, backends: [.init(service: DemoApplication.contextRoute, weight: 100)],
          contextSchemaRef: .init(name: DemoApplication.contextSchema), cache: .init(enabled: true, ttlSeconds: 120),
          timeoutSeconds: 30)),
    ]
  }

  static let application = AIApplication(
    metadata: meta("support-desk"),
    spec: .init(
      services: [.init(name: DemoApplication.keyedRoute), .init(name: DemoApplication.contextRoute)],
      routes: [.init(name: DemoApplication.keyedRoute), .init(name: DemoApplication.contextRoute)],
      // 99% of requests answered: the keyed route's rate limit refuses more than that (429 counts
      // against the objective), so the error budget burns from the first minute and
      // `SLOBreached` shows it; the latency target holds.
      monitoring: .init(latencyP99Millis: 5000, errorRatePercent: 1)))

  static let standalonePool = AICluster(
    metadata: meta("embeddings"),
    spec: .init(
      modelName: "bge-large", modelVersion: "1.5", image: "ghcr.io/demo/embeddings:1.5", replicas: 2,
      resourceRequests: .init(cpu: "2", memory: "8Gi", gpu: 1)))
}
