import KubeCore

/// Which requests the demo sends, in what proportions: mostly served requests on both routes,
/// with enough keyed requests to run into the rate limit at the rate's peaks and in bursts, a
/// tenth with a context the schema refuses, and a few without a key. Pure: the randomness comes in.
public struct DemoRequestMix: Sendable, Hashable {
  /// How many in `total` of the requests are of `kind`.
  public struct Share: Sendable, Hashable {
    public var kind: DemoRequest.Kind
    public var weight: Int
  }

  public var shares: [Share]
  /// Percent of requests sent to `/v1/completions` rather than `/v1/chat/completions`.
  public var completionPercent: Int
  /// Percent of requests that ask for a server-sent event stream.
  public var streamPercent: Int
  /// Percent of support questions asked word for word (the cache answers repeats); the others
  /// name their ticket, so an instance answers them.
  public var repeatPercent: Int

  public static let standard = DemoRequestMix(
    shares: [
      .init(kind: .keyed, weight: 40), .init(kind: .keyless, weight: 2), .init(kind: .validContext, weight: 48),
      .init(kind: .invalidContext, weight: 10),
    ], completionPercent: 30, streamPercent: 25, repeatPercent: 50)

  public init(shares: [Share], completionPercent: Int, streamPercent: Int, repeatPercent: Int) {
    self.shares = shares
    self.completionPercent = completionPercent
    self.streamPercent = streamPercent
    self.repeatPercent = repeatPercent
  }

  /// Request number `number` (its ID is `demo-<number>`).
  public func request(number: Int, using random: inout some RandomNumberGenerator) -> DemoRequest {
    let kind = self.kind(using: &random)
    let endpoint: InferenceRequest.Endpoint =
      Int.random(in: 0..<100, using: &random) < completionPercent ? .completion : .chat
    let stream = Int.random(in: 0..<100, using: &random) < streamPercent
    var request = DemoRequest(
      kind: kind, endpoint: endpoint, model: DemoApplication.contextModel, prompt: "", maxTokens: 32, stream: stream,
      context: nil, requestID: "demo-\(number)", apiKey: nil)
    switch kind {
    case .keyed, .keyless:
      request.model = DemoApplication.keyedModel
      request.prompt = DemoPrompts.assistant.randomElement(using: &random) ?? ""
      request.maxTokens = Int.random(in: 16...64, using: &random)
      request.apiKey = kind == .keyed ? DemoApplication.apiKey : nil
    case .validContext:
      (request.prompt, request.maxTokens) = DemoPrompts.support.randomElement(using: &random) ?? ("", 32)
      let context = Self.validContext(using: &random)
      if Int.random(in: 0..<100, using: &random) >= repeatPercent, let ticket = context["ticket"]?.stringValue {
        request.prompt += " (\(ticket))"
      }
      request.context = context
    case .invalidContext:
      (request.prompt, request.maxTokens) = DemoPrompts.support.randomElement(using: &random) ?? ("", 32)
      request.context = DemoPrompts.invalidContexts.randomElement(using: &random)
    }
    return request
  }

  func kind(using random: inout some RandomNumberGenerator) -> DemoRequest.Kind {
    let total = shares.map(\.weight).reduce(0, +)
    guard total > 0 else { return .validContext }
    var point = Int.random(in: 0..<total, using: &random)
    for share in shares {
      if point < share.weight { return share.kind }
      point -= share.weight
    }
    return .validContext
  }

  static func validContext(using random: inout some RandomNumberGenerator) -> JSONValue {
    let tags = DemoPrompts.tags.filter { _ in Bool.random(using: &random) }
    return [
      "ticket": .string("T-\(Int.random(in: 1000...9999, using: &random))"),
      "priority": .int(Int64.random(in: 1...5, using: &random)),
      "tags": .array(tags.map(JSONValue.string)),
    ]
  }
}
