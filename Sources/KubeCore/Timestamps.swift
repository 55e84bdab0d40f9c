import Foundation

/// RFC 3339 timestamps as Kubernetes writes them, and ages as `kubectl` prints them.
public enum Timestamps {
  /// `2026-11-25T00:51:47Z` (seconds truncated, as Foundation's `ISO8601Format` writes it), built
  /// by hand: every create writes two, and Foundation's formatter cost about 3 µs each.
  public static func format(_ date: Date) -> String {
    utcText(date, milliseconds: false) ?? date.ISO8601Format()
  }

  /// `2026-11-25T00:51:47.123Z`, milliseconds truncated, as log lines carry it.
  public static func formatMilliseconds(_ date: Date) -> String {
    utcText(date, milliseconds: true)
      ?? date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  /// The UTC text of a date in years 1600 to 9999 (nil outside them: before the Gregorian
  /// calendar Foundation writes Julian dates, and this stays Foundation's text).
  private static func utcText(_ date: Date, milliseconds: Bool) -> String? {
    let interval = date.timeIntervalSince1970
    guard interval.isFinite, interval >= -11_676_096_000, interval < 253_402_300_800 else { return nil }
    let whole = interval.rounded(.down)
    let seconds = Int(whole)
    let (days, time) = (seconds.floorDivided(by: 86_400), seconds.floorModulo(86_400))
    let (year, month, day) = CivilDate.fromDays(days)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(24)
    func digits(_ value: Int, _ count: Int) {
      var divisor = 1
      for _ in 1..<count { divisor *= 10 }
      while divisor > 0 {
        bytes.append(0x30 + UInt8(value / divisor % 10))
        divisor /= 10
      }
    }
    digits(year, 4)
    bytes.append(0x2D)
    digits(month, 2)
    bytes.append(0x2D)
    digits(day, 2)
    bytes.append(0x54)
    digits(time / 3600, 2)
    bytes.append(0x3A)
    digits(time / 60 % 60, 2)
    bytes.append(0x3A)
    digits(time % 60, 2)
    if milliseconds {
      bytes.append(0x2E)
      digits(min(999, Int((interval - whole) * 1000)), 3)
    }
    bytes.append(0x5A)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Parses a timestamp with or without fractional seconds.
  public static func parse(_ text: String) -> Date? {
    if let date = parseUTC(text) { return date }
    if let date = try? Date(text, strategy: .iso8601) { return date }
    return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }

  /// The form Kubernetes writes (`2026-11-25T00:51:47Z`, `….123456Z`) read byte by byte: the
  /// console reads one per row and frame, and Foundation's parser was most of a list rebuild's
  /// time. Anything else (an offset, a leap second, an impossible date) is left to Foundation.
  static func parseUTC(_ text: String) -> Date? {
    var utf8 = text.utf8.makeIterator()
    func number(_ digits: Int) -> Int? {
      var value = 0
      for _ in 0..<digits {
        guard let byte = utf8.next(), byte >= 0x30, byte <= 0x39 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    func expect(_ ascii: UInt8) -> Bool { utf8.next() == ascii }
    guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2),
      expect(0x54), let hour = number(2), expect(0x3A), let minute = number(2), expect(0x3A),
      let second = number(2), (1...12).contains(month), day >= 1, day <= daysIn(month, of: year), hour < 24,
      minute < 60, second < 60
    else { return nil }
    var fraction = 0.0
    var next = utf8.next()
    if next == 0x2E {
      var scale = 0.1
      var digits = 0
      next = utf8.next()
      while let byte = next, byte >= 0x30, byte <= 0x39 {
        fraction += Double(byte - 0x30) * scale
        scale /= 10
        digits += 1
        next = utf8.next()
      }
      guard digits > 0 else { return nil }
    }
    guard next == 0x5A, utf8.next() == nil else { return nil }
    let seconds = CivilDate.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second
    return Date(timeIntervalSince1970: Double(seconds) + fraction)
  }

  private static func daysIn(_ month: Int, of year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// An age as `kubectl get` prints it (Kubernetes' `duration.HumanDuration`): 45s, 3m20s, 5h, 12d.
  public static func humanDuration(_ interval: TimeInterval) -> String {
    let seconds = Int(interval)
    if seconds < -1 { return "<invalid>" }
    if seconds < 0 { return "0s" }
    if seconds < 120 { return "\(seconds)s" }
    let minutes = seconds / 60
    if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
    if minutes < 180 { return "\(minutes)m" }
    let hours = minutes / 60
    if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
    if hours < 48 { return "\(hours)h" }
    if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
    if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
    let years = hours / 24 / 365
    if hours < 24 * 365 * 8 {
      let days = (hours / 24) % 365
      return days == 0 ? "\(years)y" : "\(years)y\(days)d"
    }
    return "\(years)y"
  }
}

extension Int {
  fileprivate func floorDivided(by divisor: Int) -> Int {
    let quotient = self / divisor
    return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  fileprivate func floorModulo(_ divisor: Int) -> Int { self - floorDivided(by: divisor) * divisor }
}
