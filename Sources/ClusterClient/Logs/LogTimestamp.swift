import Foundation
import KubeCore

/// A point in time with nanosecond precision, as the kubelet stamps log lines and as RFC 3339
/// writes it. Parsed by hand, because a log stream parses one per line and stamps from different
/// writers differ in fraction digits and offsets, so their text does not sort.
public struct LogTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Whole seconds since 1970-01-01T00:00:00Z.
  public var seconds: Int64
  /// The fraction of the second, 0..<1_000_000_000.
  public var nanoseconds: Int32

  /// A timestamp from its parts; `nanoseconds` is clamped into one second.
  public init(seconds: Int64, nanoseconds: Int32 = 0) {
    self.seconds = seconds
    self.nanoseconds = min(max(nanoseconds, 0), 999_999_999)
  }

  /// The timestamp of a `Date`, to the nearest microsecond (what a `Date` holds reliably).
  public init(_ date: Date) {
    let interval = date.timeIntervalSince1970
    let whole = interval.rounded(.down)
    let micros = Int32(((interval - whole) * 1e6).rounded())
    self.init(seconds: Int64(whole) + (micros >= 1_000_000 ? 1 : 0), nanoseconds: (micros % 1_000_000) * 1000)
  }

  /// Parses RFC 3339 (`2026-11-25T00:51:47.123456789Z`, `…47+02:00`); nil for anything else.
  public init?(rfc3339 text: some StringProtocol) {
    var scanner = TimestampScanner(bytes: Array(text.utf8))
    guard let parsed = scanner.timestamp() else { return nil }
    self = parsed
  }

  /// The same instant as a `Date`.
  public var date: Date {
    Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanoseconds) / 1e9)
  }

  /// RFC 3339 in UTC with as many fraction digits as needed (Go's `RFC3339Nano`).
  public var rfc3339: String {
    var fraction = String(nanoseconds)
    fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
    while fraction.last == "0" { fraction.removeLast() }
    return wholeSeconds + (fraction.isEmpty ? "" : "." + fraction) + "Z"
  }

  /// RFC 3339 in UTC with exactly three fraction digits, rounded down (`2026-11-25T09:41:07.123Z`):
  /// the `ts` of this project's JSON log lines, fixed-width so that lines line up when read.
  public var rfc3339Milliseconds: String {
    let millis = String(nanoseconds / 1_000_000)
    return wholeSeconds + "." + String(repeating: "0", count: 3 - millis.count) + millis + "Z"
  }

  /// RFC 3339 in UTC without the fraction, rounded down: what `sinceTime` accepts everywhere.
  public var rfc3339Seconds: String { wholeSeconds + "Z" }

  /// The RFC 3339 form.
  public var description: String { rfc3339 }

  /// Whether `lhs` is the earlier instant.
  public static func < (lhs: LogTimestamp, rhs: LogTimestamp) -> Bool {
    (lhs.seconds, lhs.nanoseconds) < (rhs.seconds, rhs.nanoseconds)
  }

  private var wholeSeconds: String {
    let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
    let secondOfDay = seconds - days * 86_400
    let (year, month, day) = CivilDate.fromDays(Int(days))
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
      + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
  }

  private func pad(_ value: some BinaryInteger, _ width: Int) -> String {
    let digits = String(value)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// Reads one RFC 3339 timestamp from bytes, all or nothing.
private struct TimestampScanner {
  let bytes: [UInt8]
  var index = 0

  mutating func timestamp() -> LogTimestamp? {
    guard let year = number(4), literal("-"), let month = number(2), literal("-"), let day = number(2),
      index < bytes.count, [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(bytes[index])
    else { return nil }
    index += 1
    guard let hour = number(2), literal(":"), let minute = number(2), literal(":"), let second = number(2),
      (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
    else { return nil }
    guard let nanoseconds = fraction(), let offset = zoneOffset(), index == bytes.count else { return nil }
    let days = Int64(CivilDate.days(year: Int(year), month: Int(month), day: Int(day)))
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
    return LogTimestamp(seconds: seconds, nanoseconds: nanoseconds)
  }

  private mutating func number(_ width: Int) -> Int64? {
    guard index + width <= bytes.count else { return nil }
    var value: Int64 = 0
    for byte in bytes[index..<index + width] {
      guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
      value = value * 10 + Int64(byte - UInt8(ascii: "0"))
    }
    index += width
    return value
  }

  private mutating func literal(_ character: Unicode.Scalar) -> Bool {
    guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
    index += 1
    return true
  }

  /// Nanoseconds of an optional `.digits` (nil for a dot without digits); digits past the ninth are dropped.
  private mutating func fraction() -> Int32? {
    guard literal(".") else { return 0 }
    var value: Int32 = 0
    var digits = 0
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      if digits < 9 { value = value * 10 + Int32(bytes[index] - UInt8(ascii: "0")) }
      digits += 1
      index += 1
    }
    for _ in min(digits, 9)..<9 { value *= 10 }
    return digits == 0 ? nil : value
  }

  /// The zone's offset east of UTC in seconds.
  private mutating func zoneOffset() -> Int64? {
    if literal("Z") || literal("z") { return 0 }
    let sign: Int64
    if literal("+") {
      sign = 1
    } else if literal("-") {
      sign = -1
    } else {
      return nil
    }
    guard let hours = number(2), literal(":"), let minutes = number(2) else { return nil }
    return sign * (hours * 3600 + minutes * 60)
  }
}
