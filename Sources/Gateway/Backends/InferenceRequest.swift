import KubeCore

/// One request as the gateway hands it to a model instance, whichever OpenAI endpoint it came
/// through: the chat messages flattened into the prompt text, the token budget, and the IDs that
/// tie the instance's log lines to the gateway's.
public struct InferenceRequest: Sendable, Hashable {
  /// `/v1/chat/completions` or `/v1/completions`.
  public enum Endpoint: String, Sendable, Hashable {
    case chat = "/v1/chat/completions"
    case completion = "/v1/completions"
  }

  public var endpoint: Endpoint
  /// The model the client asked for (the route's `model`).
  public var model: String
  /// The prompt: the completion's `prompt`, or the chat messages' contents joined by newlines.
  public var prompt: String
  /// `max_tokens`, or the default of 256.
  public var maxTokens: Int
  public var stream: Bool
  /// `x-request-id`: from the client or minted by the gateway.
  public var requestID: String
  /// The request body as the client sent it, for backends that forward it unchanged.
  public var body: JSONValue

  public init(
    endpoint: Endpoint, model: String, prompt: String, maxTokens: Int = 256, stream: Bool = false,
    requestID: String, body: JSONValue = .emptyObject
  ) {
    self.endpoint = endpoint
    self.model = model
    self.prompt = prompt
    self.maxTokens = maxTokens
    self.stream = stream
    self.requestID = requestID
    self.body = body
  }
}
