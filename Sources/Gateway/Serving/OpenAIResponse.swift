import Foundation
import KubeCore

/// The OpenAI response shapes: a whole completion, and the server-sent-event chunks of a stream.
struct OpenAIResponse {
  var endpoint: InferenceRequest.Endpoint
  var requestID: String
  var model: String
  var created = Int64(Date().timeIntervalSince1970)

  var id: String { (endpoint == .chat ? "chatcmpl-" : "cmpl-") + requestID }

  static func usage(prompt: Int, completion: Int) -> JSONValue {
    [
      "prompt_tokens": .int(Int64(prompt)), "completion_tokens": .int(Int64(completion)),
      "total_tokens": .int(Int64(prompt + completion)),
    ]
  }

  /// The whole reply.
  func complete(text: String, finishReason: String, promptTokens: Int, completionTokens: Int) -> JSONValue {
    let choice: JSONValue =
      endpoint == .chat
      ? [
        "index": 0, "message": ["role": "assistant", "content": .string(text)], "finish_reason": .string(finishReason),
      ]
      : ["index": 0, "text": .string(text), "logprobs": nil, "finish_reason": .string(finishReason)]
    return [
      "id": .string(id), "object": endpoint == .chat ? "chat.completion" : "text_completion",
      "created": .int(created), "model": .string(model), "choices": [choice],
      "usage": Self.usage(prompt: promptTokens, completion: completionTokens),
    ]
  }

  /// One streamed piece: a token, or (with `finishReason`) the last chunk, which carries usage.
  func chunk(_ token: String?, finishReason: String? = nil, usage: JSONValue? = nil) -> JSONValue {
    let delta: JSONValue = token.map { ["content": .string($0)] } ?? .emptyObject
    let choice: JSONValue =
      endpoint == .chat
      ? ["index": 0, "delta": delta, "finish_reason": finishReason.map { .string($0) } ?? nil]
      : ["index": 0, "text": .string(token ?? ""), "finish_reason": finishReason.map { .string($0) } ?? nil]
    var chunk: JSONValue = [
      "id": .string(id), "object": endpoint == .chat ? "chat.completion.chunk" : "text_completion",
      "created": .int(created), "model": .string(model), "choices": [choice],
    ]
    if let usage { chunk["usage"] = usage }
    return chunk
  }

  /// A server-sent event carrying `value`.
  static func event(_ value: JSONValue) -> [UInt8] { Array("data: ".utf8) + value.serialized() + Array("\n\n".utf8) }
  static let done = Array("data: [DONE]\n\n".utf8)
}
