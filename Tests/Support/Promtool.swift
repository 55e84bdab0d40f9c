import Foundation

/// Prometheus's `promtool check metrics` (Debian's `prometheus` package), which parses an
/// exposition with Prometheus's own text parser before it lints it.
public enum Promtool {
  public static let path = "/usr/bin/promtool"

  /// The exit status (0 clean, 3 parsed with lint findings, 1 unparsable) and what it printed.
  public static func checkMetrics(_ exposition: [UInt8]) throws -> (status: Int32, output: String) {
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("aiconsole-promtool-\(UUID()).prom")
    try Data(exposition).write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = ["check", "metrics"]
    process.standardInput = try FileHandle(forReadingFrom: input)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return (process.terminationStatus, text)
  }
}
