import ClusterClient

/// Realistic JSON log lines as the gateway, the controller and the model instances write them,
/// from a fixed seed: every 10,000th line carries the wanted correlation ID, the others random ones.
struct LogLineGenerator {
  let wanted: String
  private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

  init(wanted: String) { self.wanted = wanted }

  /// `count` lines.
  mutating func lines(count: Int) -> [String] {
    (0..<count).map { line(index: $0) }
  }

  private mutating func line(index: Int) -> String {
    let id = index % 10_000 == 4_321 ? wanted : "req-" + hex(next())
    let millis = Int64(index) * 3
    let ts = LogTimestamp(seconds: 1_795_000_000 + millis / 1000, nanoseconds: Int32(millis % 1000) * 1_000_000)
    let level = ["info", "info", "info", "info", "info", "debug", "debug", "warn", "info", "error"][Int(next() % 10)]
    let pod = "aic-llama-3-8b-\(hex(next()).prefix(5))-\(next() % 8)"
    switch next() % 3 {
    case 0:
      return #"{"ts":"\#(ts.rfc3339Milliseconds)","level":"\#(level)","logger":"gateway","msg":"request served","#
        + #""correlation_id":"\#(id)","route":"chat-prod","model":"llama-3-8b","pod":"\#(pod)","status":200,"#
        + #""latency_ms":\#(next() % 2000),"tokens_in":\#(next() % 4096),"tokens_out":\#(next() % 1024)}"#
    case 1:
      return #"{"ts":"\#(ts.rfc3339Milliseconds)","level":"\#(level)","logger":"controller","msg":"reconciled","#
        + #""correlation_id":"\#(id)","namespace":"ml-serving","name":"llama-3-8b","kind":"AICluster","#
        + #""reconcileID":"\#(hex(next()))","durationMillis":\#(next() % 500)}"#
    default:
      return #"{"ts":"\#(ts.rfc3339Milliseconds)","level":"\#(level)","logger":"instance","msg":"completion","#
        + #""correlation_id":"\#(id)","model":"llama-3-8b","pod":"\#(pod)","namespace":"ml-serving","#
        + #""tokens_in":\#(next() % 4096),"tokens_out":\#(next() % 1024),"latency_ms":\#(next() % 3000)}"#
    }
  }

  /// SplitMix64.
  private mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  private func hex(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
