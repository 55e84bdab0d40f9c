import KubeCore

/// Reads the token usage out of a proxied OpenAI response as it passes through, without holding
/// it back: a whole JSON reply is kept (up to a bound) and read at the end; a stream of
/// server-sent events is read line by line, taking the `usage` of the last chunk that has one,
/// and counting content chunks for servers that send no usage.
struct UsageSniffer {
  static let bound = 4 << 20
  private(set) var promptTokens = 0
  private(set) var completionTokens = 0
  private var sawUsage = false
  private var chunks = 0
  private var pending: [UInt8] = []
  private var whole: [UInt8] = []
  let streaming: Bool

  init(streaming: Bool) { self.streaming = streaming }

  mutating func feed(_ bytes: [UInt8]) {
    guard streaming else {
      if whole.count < Self.bound { whole += bytes }
      return
    }
    pending += bytes
    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
      let line = Array(pending[..<newline])
      pending.removeSubrange(...newline)
      read(line: line)
    }
  }

  mutating func finish() {
    if streaming {
      read(line: pending)
      if !sawUsage { completionTokens = chunks }
    } else if let body = try? JSONParser.parse(whole) {
      take(body["usage"])
    }
  }

  private mutating func read(line: [UInt8]) {
    let prefix = Array("data: ".utf8)
    guard line.starts(with: prefix), let event = try? JSONParser.parse(Array(line.dropFirst(prefix.count))) else {
      return
    }
    if event["usage"] != nil, event["usage"] != .null {
      take(event["usage"])
    } else if event["choices"]?.arrayValue?.isEmpty == false {
      chunks += 1
    }
  }

  private mutating func take(_ usage: JSONValue?) {
    guard let usage, let prompt = usage["prompt_tokens"]?.intValue else { return }
    sawUsage = true
    promptTokens = Int(prompt)
    completionTokens = Int(usage["completion_tokens"]?.intValue ?? 0)
  }
}
