/// Numbers of the text format read straight from bytes: floats as Go's `strconv.ParseFloat`
/// reads them (which is what Prometheus uses), and integer millisecond timestamps.
enum ExpositionNumber {
  /// Powers of ten that a `Double` holds exactly, for the fast path.
  private static let exactPowersOfTen: [Double] = (0...22).map { exponent in
    var value = 1.0
    for _ in 0..<exponent { value *= 10 }
    return value
  }

  /// The float in `bytes`, or nil when it is not one. Accepts `NaN`, `Inf`, `+Inf`, `-Inf` and
  /// `Infinity` in any case, decimals and exponents; not hex floats.
  static func double(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    guard !bytes.isEmpty else { return nil }
    if let special = special(bytes) { return special }
    var index = 0
    var negative = false
    if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
      negative = bytes[0] == UInt8(ascii: "-")
      index = 1
    }
    var mantissa: UInt64 = 0
    var significantDigits = 0
    var digits = 0
    var decimalExponent = 0
    var sawPoint = false
    while index < bytes.count {
      let byte = bytes[index]
      if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
        digits += 1
        if mantissa != 0 || byte != UInt8(ascii: "0") { significantDigits += 1 }
        // Past 15 significant digits only the slow path below is used, so the mantissa may wrap.
        mantissa = mantissa &* 10 &+ UInt64(byte &- UInt8(ascii: "0"))
        if sawPoint { decimalExponent -= 1 }
      } else if byte == UInt8(ascii: "."), !sawPoint {
        sawPoint = true
      } else {
        break
      }
      index += 1
    }
    guard digits > 0 else { return nil }
    if index < bytes.count {
      guard bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E"),
        let exponent = int64(UnsafeBufferPointer(rebasing: bytes[(index + 1)...]), allowPlus: true),
        abs(exponent) < 100_000
      else { return nil }
      decimalExponent += Int(exponent)
    }
    if significantDigits <= 15, (-22...22).contains(decimalExponent) {
      var value = Double(mantissa)
      if decimalExponent >= 0 {
        value *= exactPowersOfTen[decimalExponent]
      } else {
        value /= exactPowersOfTen[-decimalExponent]
      }
      return negative ? -value : value
    }
    // Beyond the exactly representable fast path the standard library rounds correctly; the
    // bytes were checked above to be a plain decimal, so it cannot read anything Go would not.
    // Go reports a number beyond the largest double as out of range, and Prometheus rejects it.
    guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
    return value
  }

  /// `±Inf`, `±Infinity` and `NaN` in any case; Go rejects a sign before NaN, and so does this.
  private static func special(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
    var start = 0
    var sign = 1.0
    if bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
      sign = bytes[0] == UInt8(ascii: "-") ? -1 : 1
      start = 1
    }
    let rest = UnsafeBufferPointer(rebasing: bytes[start...])
    if matchesIgnoringCase(rest, "inf") || matchesIgnoringCase(rest, "infinity") { return sign * .infinity }
    if start == 0, matchesIgnoringCase(rest, "nan") { return .nan }
    return nil
  }

  private static func matchesIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
    guard bytes.count == word.utf8CodeUnitCount else { return false }
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
    for (byte, lower) in zip(bytes, expected) where byte | 0x20 != lower { return false }
    return true
  }

  /// The decimal integer in `bytes` (an optional `-`, or `+` where allowed), or nil when it is
  /// not one or does not fit in 64 bits.
  static func int64(_ bytes: UnsafeBufferPointer<UInt8>, allowPlus: Bool = false) -> Int64? {
    var index = 0
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || (allowPlus && first == UInt8(ascii: "+")) {
      negative = first == UInt8(ascii: "-")
      index = 1
    }
    guard index < bytes.count else { return nil }
    var value: Int64 = 0
    while index < bytes.count {
      let byte = bytes[index]
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int64(byte &- UInt8(ascii: "0"))
      let (times, overflow) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflowSum) =
        negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
      guard !overflow, !overflowSum else { return nil }
      value = sum
      index += 1
    }
    return value
  }
}
