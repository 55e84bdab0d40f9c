/// Serves one request on one instance: the simulated model server in-process, or a real one over
/// HTTP. The gateway picks the instance; the backend produces the tokens.
public protocol InstanceBackend: Sendable {
  /// Starts generating; tokens arrive on the stream as the model produces them (the first after
  /// the time to first token). Throws `GenerationError` when the instance fails the request.
  func generate(_ request: InferenceRequest, on instance: ServingInstance) async throws -> Generation
}

/// A generation in progress.
public struct Generation: Sendable {
  /// Tokens of the prompt, as the model's tokenizer counts them.
  public var promptTokens: Int
  /// The completion's tokens (text pieces, each one token), ending when it is complete.
  public var tokens: AsyncThrowingStream<String, any Error>

  public init(promptTokens: Int, tokens: AsyncThrowingStream<String, any Error>) {
    self.promptTokens = promptTokens
    self.tokens = tokens
  }
}

/// Why an instance failed a request, as the gateway reports it to the client (502 or 503).
public struct GenerationError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The HTTP status the gateway answers with.
  public var status: Int
  public var message: String

  public init(status: Int, message: String) {
    self.status = status
    self.message = message
  }

  public var description: String { message }
}
