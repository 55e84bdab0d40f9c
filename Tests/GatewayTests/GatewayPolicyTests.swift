import AIResources
import Foundation
import KubeCore
import Testing

@testable import Gateway

/// The gateway's pure rules: context validation, route choice and weights, API keys, buckets,
/// and reading OpenAI bodies.
@Suite struct GatewayPolicyTests {
  let schema = ModelContextSchema.Spec(contextFields: [
    .init(name: "ticket", type: .string, required: true, validationRegex: "^T-[0-9]+$"),
    .init(name: "priority", type: .number),
    .init(name: "tags", type: .stringArray),
  ])

  @Test func contextProblemsNameEveryField() {
    let validator = ContextValidator(schema: schema)
    #expect(validator.problems(in: ["ticket": "T-42", "priority": 2, "tags": ["a"]]).isEmpty)
    let problems = validator.problems(in: ["ticket": "42", "priority": "high", "tags": [1]])
    #expect(
      problems == [
        "context.ticket: \"42\" does not match ^T-[0-9]+$", "context.priority: must be number, not string",
        "context.tags: must be array<string>, not array",
      ])
    #expect(validator.problems(in: ["priority": 1]) == ["context.ticket: required"])
    #expect(validator.problems(in: nil) == ["context: required (the route's schema requires ticket)"])
  }

  func route(_ name: String, model: String, path: String? = nil, backends: [(String, Int?)] = [("svc", nil)])
    -> AIModelRoute
  {
    var route = AIModelRoute(
      metadata: ObjectMeta(name: name, namespace: "default"),
      spec: .init(model: model, backends: backends.map { .init(service: $0.0, weight: $0.1) }))
    route.spec.path = path
    return route
  }

  @Test func theModelAndThenThePathPickTheRoute() {
    let routes = [
      route("b", model: "llama", path: "/v1/completions"), route("a", model: "llama"), route("c", model: "mistral"),
    ]
    #expect(RouteSelection.route(for: "llama", path: "/v1/chat/completions", in: routes)?.metadata.name == "a")
    #expect(RouteSelection.route(for: "llama", path: "/v1/completions", in: routes)?.metadata.name == "b")
    #expect(RouteSelection.route(for: "gpt-4", path: "/v1/chat/completions", in: routes) == nil)
  }

  @Test func weightsSplitDrawsAndZeroWeightTakesNone() {
    let split = route("r", model: "m", backends: [("stable", 80), ("new", 20), ("off", 0)])
    #expect(RouteSelection.backend(of: split, draw: { _ in 0 }) == "stable")
    #expect(RouteSelection.backend(of: split, draw: { _ in 79 }) == "stable")
    #expect(RouteSelection.backend(of: split, draw: { _ in 80 }) == "new")
    #expect(RouteSelection.backend(of: route("z", model: "m", backends: [("off", 0)]), draw: { _ in 0 }) == nil)
  }

  @Test func theCanaryTakesItsShareOfDraws() {
    var service = InferenceService(
      metadata: ObjectMeta(name: "chat", namespace: "default"), spec: .init(modelRef: .init(name: "v1")))
    #expect(RouteSelection.cluster(of: service, draw: 0) == "chat")
    service.spec.canary = .init(modelRef: .init(name: "v2"), trafficPercent: 20)
    #expect(RouteSelection.cluster(of: service, draw: 19) == "chat-canary")
    #expect(RouteSelection.cluster(of: service, draw: 20) == "chat")
  }

  @Test func apiKeysCompareWholeKeys() {
    let secret: JSONValue = ["data": ["key": .string(Data("sk-live-1\n".utf8).base64EncodedString())]]
    let keys = APIKeys.keys(in: secret)
    #expect(APIKeys.matches("sk-live-1", any: keys))
    #expect(!APIKeys.matches("sk-live-", any: keys))
    #expect(!APIKeys.matches("sk-live-12", any: keys))
    #expect(APIKeys.bearer("Bearer sk-live-1") == "sk-live-1")
    #expect(APIKeys.bearer("Basic abc") == nil)
  }

  @Test func bucketsRefuseWithTheWaitAndRefillOverTime() {
    let start = ContinuousClock.now
    var bucket = TokenBucket(perMinute: 60, burst: 2, now: start)
    #expect(bucket.take(1, now: start) == nil)
    #expect(bucket.take(1, now: start) == nil)
    let wait = bucket.take(1, now: start)
    #expect(wait == .seconds(1))
    #expect(bucket.take(1, now: start + .seconds(1)) == nil)
  }

  @Test func openAIBodiesBecomeRequestsOrNameWhatIsWrong() throws {
    let chat = try OpenAIRequest(
      endpoint: .chat,
      body: Array(#"{"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"stream":true}"#.utf8),
      requestID: "r1")
    #expect(chat.inference.prompt == "hi" && chat.inference.maxTokens == 5 && chat.inference.stream)
    #expect(throws: GatewayError.badRequest("model: required", code: "missing_model")) {
      try OpenAIRequest(endpoint: .chat, body: Array(#"{"messages":[]}"#.utf8), requestID: "r")
    }
    #expect(throws: GatewayError.badRequest("messages: required, a non-empty array", code: "missing_messages")) {
      try OpenAIRequest(endpoint: .chat, body: Array(#"{"model":"m"}"#.utf8), requestID: "r")
    }
  }
}
