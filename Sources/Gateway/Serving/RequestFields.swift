import KubeCore

/// The members of a request body that routing reads, found by one validating pass over the body
/// (`JSONScanner`) and read where they lie: `model`, `max_tokens` (or `max_completion_tokens`),
/// `stream`, the shape of `messages` or `prompt`, and where `context` is. A repeated key counts
/// its last value, as `JSONParser` keeps it.
struct RequestFields {
  /// `max_tokens` as sent.
  enum MaxTokens: Equatable {
    /// Absent or null: the default.
    case absent
    case value(Int)
    /// Not a positive integer.
    case invalid
  }

  /// Whether the body is an object; the other fields are empty when not.
  private(set) var isObject = false
  /// The model, when `model` is a string.
  private(set) var model: String?
  private(set) var stream = false
  /// Where the value of `messages` (chat) or `prompt` (completion) lies.
  private(set) var prompt: Range<Int>?
  /// Where the value of `context` lies.
  private(set) var context: Range<Int>?
  private(set) var maxTokens = MaxTokens.absent
  /// What `prompt` is; for an array of messages, how many and the first without a string `role`.
  private var promptKind: JSONScanner.Kind?
  private var messageCount = 0
  private var firstMessageWithoutRole: Int?

  /// Scans `bytes`; nil when they are not one valid JSON document.
  init?(scanning bytes: [UInt8], endpoint: InferenceRequest.Endpoint) {
    let scanned: RequestFields? = bytes.withUnsafeBufferPointer { buffer in
      var scanner = JSONScanner(buffer)
      return try? Self.scan(&scanner, endpoint: endpoint)
    }
    guard let scanned else { return nil }
    self = scanned
  }

  private init() {}

  private static func scan(_ scanner: inout JSONScanner, endpoint: InferenceRequest.Endpoint) throws(JSONScanner
    .Invalid)
    -> RequestFields
  {
    var fields = RequestFields()
    scanner.skipWhitespace()
    if scanner.current == UInt8(ascii: "{") {
      fields.isObject = true
      var values = Values()
      try scanner.members(depth: 1) { (scanner, key, escaped) throws(JSONScanner.Invalid) in
        try values.read(&scanner, key: Self.name(scanner.bytes, key, escaped), endpoint: endpoint)
      }
      fields.take(values, scanner.bytes)
    } else {
      _ = try scanner.skipValue(depth: 0)
    }
    scanner.skipWhitespace()
    guard scanner.atEnd else { throw JSONScanner.Invalid() }
    return fields
  }

  /// The refusal the prompt's shape earns, as `OpenAIRequest(endpoint:tree:requestID:)` words it.
  func checkPrompt(_ endpoint: InferenceRequest.Endpoint) throws(GatewayError) {
    switch endpoint {
    case .completion:
      guard promptKind == .array || promptKind == .string(escaped: false) || promptKind == .string(escaped: true)
      else { throw .badRequest("prompt: required", code: "missing_prompt") }
    case .chat:
      guard promptKind == .array, messageCount > 0 else {
        throw .badRequest("messages: required, a non-empty array", code: "missing_messages")
      }
      if let index = firstMessageWithoutRole {
        throw .badRequest("messages[\(index)].role: required", code: "invalid_message")
      }
    }
  }

  /// A key as text: its bytes when it has no escape, else decoded. Keys routing does not read
  /// are never escaped in practice; an escaped one is decoded as the parser would.
  private static func name(_ bytes: UnsafeBufferPointer<UInt8>, _ key: Range<Int>, _ escaped: Bool) -> Key {
    let text = UnsafeBufferPointer(rebasing: bytes[key])
    guard escaped else { return Key(text) }
    let quoted = UnsafeBufferPointer(rebasing: bytes[(key.lowerBound - 1)..<(key.upperBound + 1)])
    guard let decoded = try? JSONParser.parse(quoted).stringValue else { return .other }
    return decoded.utf8.withContiguousStorageIfAvailable { Key($0) } ?? Key(Array(decoded.utf8))
  }

  /// The members routing reads.
  enum Key {
    case model, messages, prompt, maxTokens, maxCompletionTokens, stream, context, role, other

    init(_ text: some Collection<UInt8>) {
      self =
        switch text.count {
        case 4 where text.elementsEqual("role".utf8): .role
        case 5 where text.elementsEqual("model".utf8): .model
        case 6 where text.elementsEqual("prompt".utf8): .prompt
        case 6 where text.elementsEqual("stream".utf8): .stream
        case 7 where text.elementsEqual("context".utf8): .context
        case 8 where text.elementsEqual("messages".utf8): .messages
        case 10 where text.elementsEqual("max_tokens".utf8): .maxTokens
        case 21 where text.elementsEqual("max_completion_tokens".utf8): .maxCompletionTokens
        default: .other
        }
    }
  }

  /// Where each member read lies, and what it is, as the scan finds them.
  private struct Values {
    var model: (Range<Int>, JSONScanner.Kind)?
    var stream: JSONScanner.Kind?
    var maxTokens: (Range<Int>, JSONScanner.Kind)?
    var maxCompletionTokens: (Range<Int>, JSONScanner.Kind)?
    var prompt: (Range<Int>, JSONScanner.Kind, count: Int, withoutRole: Int?)?
    var context: Range<Int>?

    mutating func read(_ scanner: inout JSONScanner, key: Key, endpoint: InferenceRequest.Endpoint)
      throws(JSONScanner.Invalid)
    {
      let start = scanner.index
      if key == .messages, endpoint == .chat, scanner.current == UInt8(ascii: "[") {
        let (count, withoutRole) = try Self.messages(&scanner)
        prompt = (start..<scanner.index, .array, count, withoutRole)
        return
      }
      let kind = try scanner.skipValue(depth: 1)
      let range = start..<scanner.index
      switch key {
      case .model: model = (range, kind)
      case .stream: stream = kind
      case .maxTokens: maxTokens = (range, kind)
      case .maxCompletionTokens: maxCompletionTokens = (range, kind)
      case .context: context = range
      case .messages where endpoint == .chat, .prompt where endpoint == .completion:
        prompt = (range, kind, 0, nil)
      default: break
      }
    }

    /// Steps over the chat messages: how many, and the first whose `role` is not a string.
    private static func messages(_ scanner: inout JSONScanner) throws(JSONScanner.Invalid) -> (Int, Int?) {
      var count = 0
      var withoutRole: Int?
      try scanner.elements(depth: 2) { (scanner, index) throws(JSONScanner.Invalid) in
        count += 1
        var role: JSONScanner.Kind?
        if scanner.current == UInt8(ascii: "{") {
          try scanner.members(depth: 3) { (scanner, key, escaped) throws(JSONScanner.Invalid) in
            let kind = try scanner.skipValue(depth: 3)
            if RequestFields.name(scanner.bytes, key, escaped) == .role { role = kind }
          }
        } else {
          _ = try scanner.skipValue(depth: 2)
        }
        if withoutRole == nil, !(role == .string(escaped: false) || role == .string(escaped: true)) {
          withoutRole = index
        }
      }
      return (count, withoutRole)
    }
  }

  /// Reads the scalars where they lie.
  private mutating func take(_ values: Values, _ bytes: UnsafeBufferPointer<UInt8>) {
    if let (range, kind) = values.model, case .string(let escaped) = kind {
      model = Self.string(bytes, range, escaped: escaped)
    }
    stream = values.stream == .bool(true)
    if let (range, kind) = values.maxTokens ?? values.maxCompletionTokens {
      maxTokens = Self.maxTokens(bytes, range, kind)
    }
    if let found = values.prompt {
      prompt = found.0
      promptKind = found.1
      messageCount = found.count
      firstMessageWithoutRole = found.withoutRole
    }
    context = values.context
  }

  /// A string value's text; `range` includes the quotes.
  private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, escaped: Bool) -> String? {
    let quoted = UnsafeBufferPointer(rebasing: bytes[range])
    guard escaped else { return String(decoding: quoted.dropFirst().dropLast(), as: UTF8.self) }
    return try? JSONParser.parse(quoted).stringValue
  }

  /// `max_tokens` as `JSONValue.intValue` reads the number `JSONParser` makes of it.
  private static func maxTokens(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ kind: JSONScanner.Kind)
    -> MaxTokens
  {
    if kind == .null { return .absent }
    guard let number = JSONScanner.integer(bytes, range, kind), number > 0 else { return .invalid }
    return .value(Int(number))
  }
}
