import KubeCore

/// `resource.Quantity` as its JSON decoder reads it: a string (or a bare number) of a decimal
/// number and an optional binary-SI, decimal-SI or exponent suffix, with Go's error messages.
enum QuantitySyntax {
  static let formatWrong =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
  private static let suffixes: Set<String> = [
    "", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "n", "u", "m", "k", "M", "G", "T", "P", "E",
  ]

  /// nil when the value is a quantity; otherwise the decoder's error.
  static func error(in value: JSONValue) -> String? {
    let text: String
    switch value {
    case .string(let string): text = string.trimmingSpaces
    case .int(let number): text = String(number)
    case .double(let number): text = String(number)
    default: return formatWrong
    }
    return error(in: text)
  }

  static func error(in text: String) -> String? {
    var rest = Substring(text)
    if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
    let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    let suffix = rest.dropFirst(number.count)
    guard !number.isEmpty, suffix.allSatisfy({ "eEinumkKMGTP-+0123456789".contains($0) }) else { return formatWrong }
    guard number.filter({ $0 == "." }).count <= 1, number.contains(where: \.isNumber) else {
      return "unable to parse numeric part of quantity"
    }
    guard suffixes.contains(String(suffix)) || isExponent(suffix) else { return "unable to parse quantity's suffix" }
    return nil
  }

  private static func isExponent(_ suffix: Substring) -> Bool {
    guard let first = suffix.first, first == "e" || first == "E" else { return false }
    var digits = suffix.dropFirst()
    if let sign = digits.first, sign == "+" || sign == "-" { digits = digits.dropFirst() }
    return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
  }
}
