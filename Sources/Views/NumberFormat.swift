/// Short number formats for labels.
public enum NumberFormat {
  /// `950`, `1.2k`, `3.4M`, `0.25`, `12.5`; at most 5 characters for common values.
  public static func compact(_ value: Double) -> String {
    guard value.isFinite else { return "N/A" }
    let magnitude = abs(value)
    let units: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
    for (scale, suffix) in units where magnitude >= scale {
      return trimmed(value / scale, decimals: magnitude / scale < 10 ? 1 : 0) + suffix
    }
    if magnitude == magnitude.rounded() { return String(Int(value)) }
    return trimmed(value, decimals: magnitude < 10 ? 2 : 1)
  }

  /// `value` with at most `decimals` decimals and no trailing zeros.
  static func trimmed(_ value: Double, decimals: Int) -> String {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded() { return String(Int(rounded)) }
    var text = String(rounded)
    if let dot = text.firstIndex(of: ".") {
      let end = text.index(dot, offsetBy: decimals + 1, limitedBy: text.endIndex) ?? text.endIndex
      text = String(text[..<end])
    }
    return text
  }

  /// `42%` from a ratio.
  public static func percent(_ ratio: Double) -> String {
    guard ratio.isFinite else { return "N/A" }
    return "\(Int((ratio * 100).rounded()))%"
  }
}
