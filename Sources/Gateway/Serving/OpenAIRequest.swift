import KubeCore

/// Reads an OpenAI request body: the model, the prompt (a completion's `prompt`, or the chat
/// messages' contents), `max_tokens`, `stream`, and this gateway's `context` envelope.
///
/// Routing reads only the model, `max_tokens` and `stream`, and checks the prompt's shape: those
/// are read where they lie by one validating pass (`JSONScanner`), with no `JSONValue` tree of the
/// body. The prompt's text and the `context` are decoded when something asks for them (the cache,
/// a simulated instance, a route with a context schema). Every answer is the one the whole tree
/// gave (`init(endpoint:tree:requestID:)`, kept as the reference and for text the scanner doubts).
struct OpenAIRequest: Sendable {
  var endpoint: InferenceRequest.Endpoint
  var model: String
  var maxTokens: Int
  var stream: Bool
  var requestID: String
  /// Where the prompt and context are read from when asked for.
  private var source: Source

  static let defaultMaxTokens = 256

  private enum Source: Sendable {
    /// The body's bytes and where its `prompt` or `messages` and its `context` lie in them.
    case scanned(body: [UInt8], prompt: Range<Int>?, context: Range<Int>?)
    case tree(JSONValue)
  }

  init(endpoint: InferenceRequest.Endpoint, body bytes: [UInt8], requestID: String) throws(GatewayError) {
    if let fields = RequestFields(scanning: bytes, endpoint: endpoint) {
      self = try Self(endpoint: endpoint, fields: fields, body: bytes, requestID: requestID)
      return
    }
    // Not valid JSON as far as the scanner sees: the parser says why (or, should the two ever
    // disagree, reads the body its way).
    let body: JSONValue
    do {
      body = try JSONParser.parse(bytes)
    } catch {
      throw .badRequest("the body is not valid JSON: \(error)", code: "invalid_json")
    }
    self = try Self(endpoint: endpoint, tree: body, requestID: requestID)
  }

  private init(endpoint: InferenceRequest.Endpoint, fields: RequestFields, body bytes: [UInt8], requestID: String)
    throws(GatewayError)
  {
    guard fields.isObject else { throw .badRequest("the body must be a JSON object") }
    guard let model = fields.model, !model.isEmpty else { throw .badRequest("model: required", code: "missing_model") }
    try fields.checkPrompt(endpoint)
    switch fields.maxTokens {
    case .absent: maxTokens = Self.defaultMaxTokens
    case .value(let number): maxTokens = number
    case .invalid: throw .badRequest("max_tokens: must be a positive integer", code: "invalid_max_tokens")
    }
    self.endpoint = endpoint
    self.model = model
    stream = fields.stream
    self.requestID = requestID
    source = .scanned(body: bytes, prompt: fields.prompt, context: fields.context)
  }

  /// Reads an already parsed body, as the gateway did before it scanned: the reference the
  /// scanned reading must agree with.
  init(endpoint: InferenceRequest.Endpoint, tree body: JSONValue, requestID: String) throws(GatewayError) {
    guard body.objectValue != nil else { throw .badRequest("the body must be a JSON object") }
    guard let model = body["model"]?.stringValue, !model.isEmpty else {
      throw .badRequest("model: required", code: "missing_model")
    }
    _ = try Self.prompt(of: body[Self.promptKey(endpoint)], endpoint)
    var maxTokens = Self.defaultMaxTokens
    if let value = body["max_tokens"] ?? body["max_completion_tokens"], value != .null {
      guard let number = value.intValue, number > 0 else {
        throw .badRequest("max_tokens: must be a positive integer", code: "invalid_max_tokens")
      }
      maxTokens = Int(number)
    }
    self.endpoint = endpoint
    self.model = model
    self.maxTokens = maxTokens
    stream = body["stream"]?.boolValue ?? false
    self.requestID = requestID
    source = .tree(body)
  }

  /// The prompt's text: a completion's `prompt` (its parts joined by newlines), or the chat
  /// messages' contents joined by newlines.
  var prompt: String {
    switch source {
    case .tree(let body): return (try? Self.prompt(of: body[Self.promptKey(endpoint)], endpoint)) ?? ""
    case .scanned(let body, let range, _):
      guard let range, let value = try? JSONParser.parse(body[range]) else { return "" }
      return (try? Self.prompt(of: value, endpoint)) ?? ""
    }
  }

  /// The `context` member as sent; nil when absent.
  var context: JSONValue? {
    switch source {
    case .tree(let body): return body["context"]
    case .scanned(let body, _, let range):
      guard let range else { return nil }
      return try? JSONParser.parse(body[range])
    }
  }

  /// The request as an instance gets it, prompt and body decoded: for simulated instances.
  var inference: InferenceRequest {
    let body: JSONValue =
      switch source {
      case .tree(let body): body
      case .scanned(let bytes, _, _): (try? JSONParser.parse(bytes)) ?? .emptyObject
      }
    return InferenceRequest(
      endpoint: endpoint, model: model, prompt: prompt, maxTokens: maxTokens, stream: stream, requestID: requestID,
      body: body)
  }

  /// The member that holds the prompt.
  static func promptKey(_ endpoint: InferenceRequest.Endpoint) -> String {
    endpoint == .chat ? "messages" : "prompt"
  }

  /// The prompt's text from its member's value, or the refusal that names what is wrong with it.
  private static func prompt(of value: JSONValue?, _ endpoint: InferenceRequest.Endpoint) throws(GatewayError)
    -> String
  {
    switch endpoint {
    case .completion:
      if let text = value?.stringValue { return text }
      if let parts = value?.arrayValue { return parts.compactMap(\.stringValue).joined(separator: "\n") }
      throw .badRequest("prompt: required", code: "missing_prompt")
    case .chat:
      guard let messages = value?.arrayValue, !messages.isEmpty else {
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
