/// The duration strings the AI kinds take (`30d`, `1h30m`, `45s`): one or more whole numbers, each
/// followed by a unit of `s`, `m`, `h` or `d` (a day is 24 hours), as Prometheus writes range
/// durations. Fractions and bare numbers are refused, so a value means one thing to every reader.
public enum DurationText {
  /// The pattern the CRD schemas publish for these strings.
  public static let pattern = "^([0-9]+(s|m|h|d))+$"

  /// The seconds `text` stands for, or nil when it is not a duration of this form (or overflows).
  public static func seconds(_ text: String) -> Int64? {
    var total: Int64 = 0
    var number: Int64?
    for character in text {
      if let digit = character.wholeNumberValue, character.isASCII {
        let (times, overflow) = (number ?? 0).multipliedReportingOverflow(by: 10)
        guard !overflow else { return nil }
        number = times + Int64(digit)
        continue
      }
      guard let value = number, let unit = unitSeconds[character] else { return nil }
      let (part, overflow) = value.multipliedReportingOverflow(by: unit)
      let (sum, overflowSum) = total.addingReportingOverflow(part)
      guard !overflow, !overflowSum else { return nil }
      total = sum
      number = nil
    }
    return number == nil && !text.isEmpty ? total : nil
  }

  /// `seconds` written the short way: the largest units first, zero parts left out (`90061` is
  /// `1d1h1m1s`; `0` is `0s`).
  public static func text(seconds: Int64) -> String {
    guard seconds > 0 else { return "0s" }
    var rest = seconds
    var text = ""
    for (unit, size) in [("d", Int64(86_400)), ("h", 3_600), ("m", 60), ("s", 1)] where rest >= size {
      text += "\(rest / size)\(unit)"
      rest %= size
    }
    return text
  }

  private static let unitSeconds: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
}
