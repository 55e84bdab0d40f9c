import Foundation

/// Prometheus's `promtool check metrics` (Debian's `prometheus` package) reading an exposition
/// from standard input: the peer of the parser's figure. It parses the whole text, then lints it;
/// it exits 0 when clean, 3 when it has lint findings (the DCGM and vLLM names draw some) and 1
/// when the text does not parse, which would make the timing meaningless.
enum PromtoolCheck {
  /// Timed runs, after one warm-up.
  static let runs = 7

  /// Median and p99 milliseconds of a check of `exposition`; nil when promtool is missing or
  /// could not parse the text (said on standard error).
  static func measure(_ exposition: [UInt8]) async throws -> Sample? {
    let promtool = PeerTool.promtool
    guard promtool.isInstalled else {
      _ = promtool.reportMissing()
      return nil
    }
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("aiconsole-bench-\(getpid()).prom")
    let output = input.appendingPathExtension("out").path
    try Data(exposition).write(to: input)
    defer {
      try? FileManager.default.removeItem(at: input)
      try? FileManager.default.removeItem(atPath: output)
    }
    defer { try? FileManager.default.removeItem(atPath: output + ".err") }
    return try await times(input: input.path, output: output)
  }

  /// Median milliseconds of a check of an empty input: promtool's start-up and exit, for the
  /// reader who wants to set them apart.
  static func startup() async throws -> Double? {
    guard PeerTool.promtool.isInstalled else { return nil }
    return try await times(input: "/dev/null", output: "/dev/null")?.median
  }

  private static func times(input: String, output: String) async throws -> Sample? {
    let errors = output == "/dev/null" ? output : output + ".err"
    var times: [Double] = []
    for run in 0...runs {
      let exit = try await ChildProcess.run(
        [PeerTool.promtool.path, "check", "metrics"], standardInput: input, standardOutput: output,
        standardError: errors)
      guard exit.status == 0 || exit.status == 3 else {
        let text = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        progress("promtool check metrics exited \(exit.status): \(text.suffix(500))")
        return nil
      }
      if run > 0 { times.append(exit.wallSeconds * 1000) }
    }
    return Sample(values: times)
  }
}
