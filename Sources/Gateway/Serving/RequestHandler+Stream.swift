import Foundation
import KubeCore

extension RequestHandler {
  /// Streams tokens as server-sent events as the instance produces them; the last chunk carries
  /// the finish reason and usage, then `data: [DONE]`.
  func stream(
    _ generation: Generation, _ admitted: Admitted, instance: ServingInstance, timeout: Int,
    cacheKey: ResponseCache.Key?
  ) -> GatewayReply {
    let (events, output) = AsyncStream<[UInt8]>.makeStream()
    let shape = response(admitted)
    let maxTokens = admitted.request.maxTokens
    let task = Task {
      var text = ""
      var count = 0
      var firstToken: Duration?
      let deadline = ContinuousClock.now + .seconds(timeout)
      do {
        for try await token in generation.tokens {
          if ContinuousClock.now > deadline { throw GatewayError.timeout(seconds: timeout) }
          if firstToken == nil { firstToken = ContinuousClock.now - admitted.start }
          text += token
          count += 1
          output.yield(OpenAIResponse.event(shape.chunk(token)))
        }
        let finish = count >= maxTokens ? "length" : "stop"
        let usage = OpenAIResponse.usage(prompt: generation.promptTokens, completion: count)
        output.yield(OpenAIResponse.event(shape.chunk(nil, finishReason: finish, usage: usage)))
        output.yield(OpenAIResponse.done)
        finished(
          admitted, instance: instance, prompt: generation.promptTokens, completion: count, firstToken: firstToken)
        if let cacheKey { store(cacheKey, text, generation.promptTokens, count, finish, admitted.route) }
      } catch {
        // Headers are sent: the error travels as an event, as OpenAI's servers do mid-stream.
        let failure =
          (error as? GatewayError)
          ?? GatewayError(status: 502, type: "server_error", code: "instance_failed", message: "\(error)")
        output.yield(OpenAIResponse.event(failure.body))
        output.yield(OpenAIResponse.done)
      }
      output.finish()
    }
    output.onTermination = { _ in task.cancel() }
    return .stream(
      headers: Self.streamHeaders(admitted.request.requestID) + [Self.backendHeader(instance)],
      events: events)
  }

  static func streamHeaders(_ requestID: String) -> [(String, String)] {
    [("x-request-id", requestID), ("content-type", "text/event-stream"), ("cache-control", "no-cache")]
  }

  /// A cached completion, as a whole reply or replayed as a stream.
  func reply(fromCache entry: ResponseCache.Entry, _ admitted: Admitted) -> GatewayReply {
    finished(
      admitted, instance: nil, prompt: entry.promptTokens, completion: entry.completionTokens, firstToken: .zero,
      cacheHit: true)
    let shape = response(admitted)
    let requestID = admitted.request.requestID
    let cacheHeader = ("x-aiconsole-cache", "hit")
    guard admitted.request.stream else {
      let body = shape.complete(
        text: entry.text, finishReason: entry.finishReason, promptTokens: entry.promptTokens,
        completionTokens: entry.completionTokens)
      return .json(status: 200, body: body, headers: [("x-request-id", requestID), cacheHeader])
    }
    let (events, output) = AsyncStream<[UInt8]>.makeStream()
    output.yield(OpenAIResponse.event(shape.chunk(entry.text)))
    let usage = OpenAIResponse.usage(prompt: entry.promptTokens, completion: entry.completionTokens)
    output.yield(OpenAIResponse.event(shape.chunk(nil, finishReason: entry.finishReason, usage: usage)))
    output.yield(OpenAIResponse.done)
    output.finish()
    return .stream(headers: Self.streamHeaders(requestID) + [cacheHeader], events: events)
  }
}
