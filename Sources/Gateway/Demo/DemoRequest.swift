import KubeCore

/// One request the demo sends, and what the gateway should make of it.
public struct DemoRequest: Sendable, Hashable {
  /// What the request is meant to exercise.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The keyed route with its key: served, or 429 once the rate limit is spent.
    case keyed
    /// The keyed route without a key: 401.
    case keyless
    /// The context route with a valid ticket: served, often from the cache.
    case validContext
    /// The context route with a context its schema refuses: 400.
    case invalidContext
  }

  public var kind: Kind
  public var endpoint: InferenceRequest.Endpoint
  public var model: String
  public var prompt: String
  public var maxTokens: Int
  public var stream: Bool
  public var context: JSONValue?
  /// Sent as `x-request-id`, so the request can be found in every log by its correlation ID.
  public var requestID: String
  /// Sent as `Authorization: Bearer`.
  public var apiKey: String?

  /// The OpenAI-shaped body.
  public var body: JSONValue {
    var body: JSONValue = ["model": .string(model), "max_tokens": .int(Int64(maxTokens)), "stream": .bool(stream)]
    switch endpoint {
    case .chat: body["messages"] = [["role": "user", "content": .string(prompt)]]
    case .completion: body["prompt"] = .string(prompt)
    }
    if let context { body["context"] = context }
    return body
  }

  /// The headers besides the content type.
  public var headers: [(String, String)] {
    [("x-request-id", requestID)] + (apiKey.map { [("authorization", "Bearer \($0)")] } ?? [])
  }
}
