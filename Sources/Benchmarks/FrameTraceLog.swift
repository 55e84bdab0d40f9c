import Foundation
import KubeCore

/// The frames a console has presented so far, read from its `AICONSOLE_FRAME_TRACE` file (one
/// JSON line per frame: `wallMs`, `rows`, `synced`, and `keyLatencyMs` on frames answering keys).
struct FrameTraceLog {
  /// One presented frame.
  struct Frame {
    /// Unix time in milliseconds.
    var wallMs: Double
    /// Rows in the resource list.
    var rows: Int
    /// Whether every AI kind's informer had synced.
    var synced: Bool
    /// Milliseconds from reading each key this frame answers to presenting it.
    var keyLatencyMs: [Double]
  }

  /// Every complete line, oldest first.
  var frames: [Frame] = []

  /// Reads the trace; a line still being written (no newline yet) is left for the next read.
  init(path: String) {
    guard let data = FileManager.default.contents(atPath: path) else { return }
    let bytes = [UInt8](data)
    guard let lastNewline = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return }
    frames = bytes[...lastNewline].split(separator: UInt8(ascii: "\n")).compactMap(Self.frame)
  }

  private static func frame(_ line: ArraySlice<UInt8>) -> Frame? {
    guard let object = try? JSONParser.parse(line), let wall = object[path: ["wallMs"]]?.doubleValue else {
      return nil
    }
    return Frame(
      wallMs: wall, rows: Int(object[path: ["rows"]]?.intValue ?? 0),
      synced: object[path: ["synced"]]?.boolValue ?? false,
      keyLatencyMs: object[path: ["keyLatencyMs"]]?.arrayValue?.compactMap(\.doubleValue) ?? [])
  }

  /// The first frame presented.
  var first: Frame? { frames.first }

  /// The first frame that lists any row.
  var firstWithRows: Frame? { frames.first { $0.rows > 0 } }

  /// The first frame that lists at least `rows` rows with every informer synced.
  func firstSynced(rows: Int) -> Frame? { frames.first { $0.synced && $0.rows >= rows } }

  /// Every key-to-frame latency recorded on frames from index `start` on.
  func keyLatencies(from start: Int = 0) -> [Double] {
    frames.dropFirst(start).flatMap(\.keyLatencyMs)
  }
}
