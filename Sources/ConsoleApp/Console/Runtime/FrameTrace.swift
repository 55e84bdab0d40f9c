import Foundation

/// A record of every frame the console presents, as JSON lines in the file named by
/// `AICONSOLE_FRAME_TRACE`: wall-clock time, rows listed, whether every informer is synced, and
/// for frames that answer a key the time from the key's arrival to the frame. The benchmark reads
/// it to measure launch-to-first-frame, launch-to-synced and key-to-frame latency from outside.
final class FrameTrace {
  private let handle: FileHandle
  private var keysWaiting: [ContinuousClock.Instant] = []

  /// The trace the environment asks for, or nil.
  init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
    guard let path = environment["AICONSOLE_FRAME_TRACE"], !path.isEmpty,
      FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { return nil }
    self.handle = handle
  }

  /// A key arrived; the next frame answers it.
  func keyArrived() { keysWaiting.append(ContinuousClock.now) }

  /// A frame reached the terminal.
  func presented(rows: Int, synced: Bool) {
    let now = ContinuousClock.now
    let wall = Int64((Date().timeIntervalSince1970 * 1000).rounded())
    var line = #"{"wallMs":\#(wall),"rows":\#(rows),"synced":\#(synced)"#
    if !keysWaiting.isEmpty {
      let latencies = keysWaiting.map { Self.milliseconds(now - $0) }
      line += #","keyLatencyMs":[\#(latencies.map { String(format: "%.3f", $0) }.joined(separator: ","))]"#
      keysWaiting.removeAll()
    }
    handle.write(Data((line + "}\n").utf8))
  }

  private static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
  }
}
