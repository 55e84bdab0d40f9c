import Foundation

/// CPU time and resident memory of another process, read from Linux's `/proc/<pid>/stat` and
/// `/proc/<pid>/status`.
struct ProcessSampler: Sendable {
  /// The process watched.
  let pid: pid_t

  /// User plus system CPU seconds the process has used so far, or nil when it is gone.
  func cpuSeconds() -> Double? {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    guard let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // After ")": state is fields[0], so utime (field 14) is fields[11] and stime (15) fields[12].
    guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
  }

  /// Percent of one core the process used over the next `duration`.
  func cpuPercent(over duration: Duration) async throws -> Double {
    let clock = ContinuousClock()
    guard let before = cpuSeconds() else { throw BenchmarkFailure("process \(pid) is gone") }
    let start = clock.now
    try await clock.sleep(for: duration)
    guard let after = cpuSeconds() else { throw BenchmarkFailure("process \(pid) exited while sampled") }
    return (after - before) / (clock.now - start).seconds * 100
  }

  /// Resident memory in bytes (`VmRSS`), or nil when the process is gone.
  func residentBytes() -> Int? {
    guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/status") else { return nil }
    for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("VmRSS:") {
      // "VmRSS:	  123456 kB"
      let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard fields.count >= 2, let kilobytes = Int(fields[1]) else { return nil }
      return kilobytes * 1024
    }
    return nil
  }
}
