import ArgumentParser

/// A size on the command line: plain bytes, or with a binary suffix as Kubernetes quantities write
/// it (`512Ki`, `256Mi`, `1Gi`).
struct ByteCount: ExpressibleByArgument, Sendable, Equatable, CustomStringConvertible {
  var bytes: Int

  init(_ bytes: Int) { self.bytes = bytes }

  init?(argument: String) {
    let suffixes: [(String, Int)] = [("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30)]
    let (digits, unit) =
      suffixes.first { argument.hasSuffix($0.0) }.map { (String(argument.dropLast(2)), $0.1) } ?? (argument, 1)
    guard let count = Int(digits), count > 0 else { return nil }
    let (bytes, overflow) = count.multipliedReportingOverflow(by: unit)
    guard !overflow else { return nil }
    self.bytes = bytes
  }

  var description: String {
    for (suffix, unit) in [("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)] where bytes % unit == 0 {
      return "\(bytes / unit)\(suffix)"
    }
    return String(bytes)
  }

  var defaultValueDescription: String { description }
}
