import KubeCore

/// Resource quantities (`1`, `500m`, `32Gi`, `1e3`) read as numbers, for summing what pods ask
/// for; the text is shown as the object holds it wherever a sum is not needed.
enum DetailQuantity {
  /// The multiplier of each suffix `resource.Quantity` accepts.
  static let multipliers: [String: Double] = [
    "": 1, "n": 1e-9, "u": 1e-6, "m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "P": 1e15, "E": 1e18,
    "Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776, "Pi": 1_125_899_906_842_624,
    "Ei": 1_152_921_504_606_846_976,
  ]

  /// The value of a quantity (a string or a bare number); nil when absent or not a quantity.
  static func value(_ quantity: JSONValue?) -> Double? {
    switch quantity {
    case .int(let number): return Double(number)
    case .double(let number): return number
    case .string(let text): return value(text)
    default: return nil
    }
  }

  /// The value of a quantity's text.
  static func value(_ text: String) -> Double? {
    let number = text.prefix { $0.isNumber || $0 == "." || $0 == "+" || $0 == "-" }
    let suffix = String(text.dropFirst(number.count))
    guard let base = Double(number) else { return nil }
    if let multiplier = multipliers[suffix] { return base * multiplier }
    guard let first = suffix.first, first == "e" || first == "E", let exponent = Int(suffix.dropFirst()),
      abs(exponent) <= 30
    else {
      return nil
    }
    return base * pow10(exponent)
  }

  /// A count as text: whole numbers without a fraction, `0` when there is none.
  static func text(_ value: Double?) -> String {
    guard let value else { return "0" }
    return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
  }

  private static func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
  }
}
