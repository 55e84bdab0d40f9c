import KubeCore

/// Reads an OpenAI request body: the model, the prompt (a completion's `prompt`, or the chat
/// messages' contents), `max_tokens`, `stream`, and this gateway's `context` envelope.
struct OpenAIRequest: Sendable {
  var inference: InferenceRequest
  var context: JSONValue?

  static let defaultMaxTokens = 256

  init(endpoint: InferenceRequest.Endpoint, body bytes: [UInt8], requestID: String) throws(GatewayError) {
    let body: JSONValue
    do {
      body = try JSONParser.parse(bytes)
    } catch {
      throw .badRequest("the body is not valid JSON: \(error)", code: "invalid_json")
    }
    guard body.objectValue != nil else { throw .badRequest("the body must be a JSON object") }
    guard let model = body["model"]?.stringValue, !model.isEmpty else {
      throw .badRequest("model: required", code: "missing_model")
    }
    let prompt = try Self.prompt(of: body, endpoint)
    var maxTokens = Self.defaultMaxTokens
    if let value = body["max_tokens"] ?? body["max_completion_tokens"], value != .null {
      guard let number = value.intValue, number > 0 else {
        throw .badRequest("max_tokens: must be a positive integer", code: "invalid_max_tokens")
      }
      maxTokens = Int(number)
    }
    inference = InferenceRequest(
      endpoint: endpoint, model: model, prompt: prompt, maxTokens: maxTokens,
      stream: body["stream"]?.boolValue ?? false, requestID: requestID, body: body)
    context = body["context"]
  }

  private static func prompt(of body: JSONValue, _ endpoint: InferenceRequest.Endpoint) throws(GatewayError) -> String {
    switch endpoint {
    case .completion:
      if let text = body["prompt"]?.stringValue { return text }
      if let parts = body["prompt"]?.arrayValue { return parts.compactMap(\.stringValue).joined(separator: "\n") }
      throw .badRequest("prompt: required", code: "missing_prompt")
    case .chat:
      guard let messages = body["messages"]?.arrayValue, !messages.isEmpty else {
        throw .badRequest("messages: required, a non-empty array", code: "missing_messages")
      }
      var lines: [String] = []
      for (index, message) in messages.enumerated() {
        guard message["role"]?.stringValue != nil else {
          throw .badRequest("messages[\(index)].role: required", code: "invalid_message")
        }
        if let text = message["content"]?.stringValue {
          lines.append(text)
        } else if let parts = message["content"]?.arrayValue {
          lines.append(parts.compactMap { $0["text"]?.stringValue }.joined(separator: " "))
        }
      }
      return lines.joined(separator: "\n")
    }
  }
}
